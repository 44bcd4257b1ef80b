// What the language server and the VS Code client agree on beyond LSP itself: command ids, initialization options,
// settings and the audit's messages. The client bundles this file, so it imports nothing and holds only data.

/** Commands: `server` ones are answered by the server (workspace/executeCommand); `client` ones run in VS Code. */
export const COMMANDS = {
  /** Server: audits every workspace folder with work-done progress; returns an `AuditSummary`. */
  audit: 'iacsec.server.audit',
  /** Server: the last audit rendered as text, `[AuditReportRequest]`; returns a string, or null before any audit. */
  auditReport: 'iacsec.server.auditReport',
  /**
   * Server, and intercepted by the VS Code client: opens a rule's documentation, `[ruleId, href]`. The server
   * asks the editor to show the page (`window/showDocument`); VS Code opens the page bundled in the extension.
   */
  showDocumentation: 'iacsec.showDocumentation',
  /** Client: selects a range after an edit, `[uri, Range]`: the placeholder reason of a new suppression. */
  selectRange: 'iacsec.selectRange',
  /** Client (command palette): runs the audit and opens the report view. */
  auditWorkspace: 'iacsec.auditWorkspace',
  /** Client (command palette): stops and starts the language server. */
  restartServer: 'iacsec.restartServer',
  /** Client (command palette): opens the server's output channel. */
  showOutput: 'iacsec.showOutput',
  /** Client (command palette): adds CloudFormation's tags to the YAML extension's `yaml.customTags`. */
  addYamlCustomTags: 'iacsec.addYamlCustomTags',
  /** Server: `iacsec diff` of two texts, `[SecurityDiffRequest]`; returns a `SecurityDiffResult`. */
  securityDiff: 'iacsec.server.securityDiff',
  /**
   * Server: a CDK template as it was before the last `cdk synth` the server saw, `[uri]`; returns a string, or null
   * when none was kept (the server keeps the previous synth of each workspace folder's assembly while it runs).
   */
  previousTemplate: 'iacsec.server.previousTemplate',
  /** Client (command palette): the security diff of the active template against git HEAD or a file the user picks. */
  showSecurityDiff: 'iacsec.securityDiff',
} as const;

/** The code action kind of "fix all safe problems", for `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = 'source.fixAll.iacsec';

/** Sent by a client in `initializationOptions`; every field is optional, so any LSP editor can omit it. */
export interface InitializationOptions {
  /** The client runs `COMMANDS.selectRange` itself: suppress-with-reason then selects its placeholder reason. */
  readonly selectRangeCommand?: boolean;
  /** Settings for clients without `workspace/configuration`; the same shape as `Settings`, partly or whole. */
  readonly settings?: Partial<Settings>;
}

export type SeverityCustomization = 'error' | 'warning' | 'info' | 'off' | 'default';

/** `iacsec.*` settings as the server reads them per document (`workspace/configuration`, section `iacsec`). */
export interface Settings {
  readonly enable: boolean;
  /** Lint on every change of the buffer, or only when it is opened and saved. */
  readonly run: 'onType' | 'onSave';
  /** Milliseconds of quiet after an edit before the buffer is linted. */
  readonly debounce: number;
  readonly rules: {
    /** Severity by rule id or glob; the last entry that matches a rule wins. Shown in the editor only. */
    readonly customizations: readonly { readonly rule: string; readonly severity: SeverityCustomization }[];
  };
  /** Globs, relative to the workspace folder, of files the editor and the audit leave alone. */
  readonly ignore: readonly string[];
  /** A configuration file that governs every file in place of the nearest `.iacsec.yaml`; empty: look it up. */
  readonly configFile: string;
  readonly docs: {
    /** Where rule pages live; a rule's page is `<baseUrl><theme>/<name>.md`. */
    readonly baseUrl: string;
  };
  /** The engine's limits for documents no `.iacsec.yaml` sets them for (a limit `.iacsec.yaml` sets wins). */
  readonly limits: {
    readonly maxTemplateBytes: number;
    readonly maxPlanBytes: number;
    readonly maxDepth: number;
    readonly maxAliases: number;
  };
}

export type AuditReportFormat = 'sarif' | 'html' | 'webview';

export interface AuditReportRequest {
  readonly format: AuditReportFormat;
  /** `webview` only: the webview's `cspSource` and a fresh nonce for its one script. */
  readonly cspSource?: string;
  readonly nonce?: string;
}

export interface AuditSummary {
  readonly folders: number;
  readonly files: number;
  readonly findings: number;
  readonly errors: number;
  readonly bySeverity: { readonly error: number; readonly warning: number; readonly info: number };
  /** The user cancelled it: what was linted before is reported. */
  readonly cancelled: boolean;
}

/** What the report view's script posts to the extension. Lines and characters are 0-based, as in LSP. */
export type ReportViewMessage =
  | { readonly type: 'open'; readonly uri: string; readonly line: number; readonly character: number }
  | { readonly type: 'export'; readonly format: 'sarif' | 'html' };

/** The two templates of a security diff; the names are what the result shows (`HEAD:stacks/app.yaml`). */
export interface SecurityDiffRequest {
  readonly oldText: string;
  readonly newText: string;
  readonly oldName: string;
  readonly newName: string;
  /**
   * The URI of the document NEW is: its configuration (`iacsec.configFile`, else its nearest `.iacsec.yaml`) and
   * limits govern both versions, as `iacsec diff` does. Without it, the defaults and `iacsec.limits` apply.
   */
  readonly newUri?: string;
}

/** What the server answers to `COMMANDS.securityDiff`. */
export interface SecurityDiffResult {
  /** `iacsec diff`'s stylish text without colours, under a first line that says whether access broadens; or why no diff could be made. */
  readonly text: string;
  /** Whether the change gives more access; null when no diff could be made. */
  readonly broadened: boolean | null;
  /** `iacsec diff --format json`'s report (docs/diff.md); null when either template could not be read. */
  readonly report: object | null;
}
