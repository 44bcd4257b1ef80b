import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  type CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type Diagnostic,
  type Range,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { applyEdits, fixEdits } from '../edits/apply';
import type { TextEdit } from '../edits/changes';
import { EditError } from '../edits/document';
import { lineEdits } from '../edits/line-diff';
import { suppressionEdit } from '../edits/suppress';
import { docsUrl } from '../report/catalogue';
import { sameFinding } from './diagnostics';
import type { DocumentLinting, LintedDocument } from './document-linting';
import { bomShift, findingsAt, offsetIn } from './hover';
import { COMMANDS, FIX_ALL_KIND } from './protocol';
import type { LintedFinding } from './worker-protocol';

/** What the client can do, from its `initialize` capabilities and options. */
export interface ClientAbilities {
  /** `codeAction/resolve` may fill in `edit`: edits are worked out only for the action the user picks. */
  readonly resolveEdits: boolean;
  readonly documentChanges: boolean;
  /** The client runs `COMMANDS.selectRange` (the VS Code extension). */
  readonly selectRange: boolean;
}

/** What an unresolved action carries, so that resolving it finds its finding again. */
type ActionData =
  | {
      readonly uri: string;
      readonly version: number;
      readonly action: 'fix';
      readonly finding: number;
      readonly fix: number;
    }
  | { readonly uri: string; readonly version: number; readonly action: 'suppress'; readonly finding: number }
  | { readonly uri: string; readonly version: number; readonly action: 'fixAll' };

/**
 * Code actions from the last lint: each fix of a finding under the cursor (safe ones preferred), suppress with a
 * reason, the rule's documentation, and fix-all (`source.fixAll.iacsec` and a quick fix when several apply).
 */
export class CodeActions {
  constructor(
    private readonly linting: DocumentLinting,
    private readonly abilities: ClientAbilities,
  ) {}

  async actions(params: CodeActionParams, document: TextDocument): Promise<CodeAction[]> {
    const only = params.context.only;
    const wants = (kind: string): boolean =>
      only === undefined || only.some((asked) => kind === asked || kind.startsWith(`${asked}.`));
    const actions: CodeAction[] = [];
    const linted = this.linting.last(document.uri);
    const current = linted !== undefined && linted.version === document.version ? linted : undefined;
    if (current !== undefined && wants(CodeActionKind.QuickFix))
      actions.push(...(await this.quickFixes(current, params)));
    if (only !== undefined && wants(FIX_ALL_KIND)) {
      const fixAll = await this.fixAll(document, FIX_ALL_KIND);
      if (fixAll !== undefined) actions.push(fixAll);
    }
    return actions;
  }

  async resolve(action: CodeAction, documents: { get(uri: string): TextDocument | undefined }): Promise<CodeAction> {
    const data = action.data as ActionData | undefined;
    if (data === undefined || action.edit !== undefined) return action;
    const document = documents.get(data.uri);
    if (document === undefined || document.version !== data.version) return action;
    if (data.action === 'fixAll') {
      const resolved = await this.fixAll(document, action.kind ?? CodeActionKind.QuickFix);
      return resolved === undefined ? action : { ...action, edit: resolved.edit };
    }
    const linted = this.linting.last(data.uri);
    if (linted === undefined || linted.version !== data.version) return action;
    const finding = linted.result.findings[data.finding];
    if (finding === undefined) return action;
    const edit =
      data.action === 'fix' ? await this.fixEdit(linted, data.finding, data.fix) : this.suppressEdit(linted, finding);
    return edit === undefined ? action : { ...action, ...edit };
  }

  private async quickFixes(linted: LintedDocument, params: CodeActionParams): Promise<CodeAction[]> {
    const start = offsetIn(linted, params.range.start);
    const end = offsetIn(linted, params.range.end);
    const findings = linted.result.findings;
    const actions: CodeAction[] = [];
    let preferred = false;
    for (const finding of findingsAt(linted, start, end)) {
      const index = findings.indexOf(finding);
      const diagnostics = this.diagnosticsOf(linted, finding, params.context.diagnostics);
      const base = { uri: linted.uri, version: linted.version, finding: index };
      for (const [fixIndex, fix] of finding.fixes.entries()) {
        const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics };
        // One preferred fix per request: VS Code applies the preferred one with a single keystroke.
        if (fix.safe && !preferred) {
          action.isPreferred = true;
          preferred = true;
        }
        actions.push(await this.withEdit(action, { ...base, action: 'fix', fix: fixIndex }, linted, finding));
      }
      // A plan is output: a suppression belongs in the configuration, or in `.iacsec.yaml`.
      if (!finding.ruleId.startsWith('iacsec/') && linted.result.format !== 'terraform-plan') {
        const suppress: CodeAction = {
          title: `Suppress ${finding.ruleId} here, with a reason`,
          kind: CodeActionKind.QuickFix,
          diagnostics,
        };
        actions.push(await this.withEdit(suppress, { ...base, action: 'suppress' }, linted, finding));
      }
      actions.push({
        title: `Show documentation for ${finding.ruleId}`,
        kind: CodeActionKind.QuickFix,
        diagnostics,
        command: {
          title: 'Show documentation',
          command: COMMANDS.showDocumentation,
          arguments: [finding.ruleId, docsUrl(finding.ruleId, linted.settings.docs.baseUrl)],
        },
      });
    }
    const safe = linted.result.findings.filter(
      (finding) => finding.suppressed === undefined && finding.fixes.some((fix) => fix.safe),
    ).length;
    if (actions.length > 0 && safe > 1) {
      const fixAll: CodeAction = {
        title: `Fix all ${safe} safely fixable iacsec problems`,
        kind: CodeActionKind.QuickFix,
      };
      fixAll.data = { uri: linted.uri, version: linted.version, action: 'fixAll' } satisfies ActionData;
      actions.push(fixAll);
    }
    return actions;
  }

  /** Edits now, or a `data` to resolve them by when the user picks the action. */
  private async withEdit(
    action: CodeAction,
    data: ActionData,
    linted: LintedDocument,
    finding: LintedFinding,
  ): Promise<CodeAction> {
    if (this.abilities.resolveEdits) return { ...action, data };
    const edit =
      data.action === 'fix'
        ? await this.fixEdit(linted, data.finding, data.fix)
        : data.action === 'suppress'
          ? this.suppressEdit(linted, finding)
          : undefined;
    return edit === undefined ? action : { ...action, ...edit };
  }

  /** The edit of fix `index` of the finding at `finding` in the result, its changes read when first needed. */
  private async fixEdit(
    linted: LintedDocument,
    finding: number,
    index: number,
  ): Promise<Pick<CodeAction, 'edit'> | undefined> {
    const summary = linted.result.findings[finding];
    const fix = summary === undefined ? undefined : await linted.fixChanges.proposal(summary, finding, index);
    if (fix === undefined) return undefined;
    try {
      const edits = fixEdits(engineText(linted), linted.file, fix);
      return { edit: this.workspaceEdit(linted, edits) };
    } catch (error) {
      if (error instanceof EditError) return undefined;
      throw error;
    }
  }

  private suppressEdit(
    linted: LintedDocument,
    finding: LintedFinding,
  ): Pick<CodeAction, 'edit' | 'command'> | undefined {
    const made = suppressionEdit(engineText(linted), linted.file, finding);
    if (made === undefined) return undefined;
    const edit = this.workspaceEdit(linted, made.edits);
    if (!this.abilities.selectRange) return { edit };
    // The placeholder is in the text after the edits: positions there come from that text.
    const shift = bomShift(linted);
    const text = applyEdits(engineText(linted), made.edits);
    const after = TextDocument.create(linted.uri, linted.snapshot.languageId, 0, shift === 1 ? `\ufeff${text}` : text);
    const range: Range = {
      start: after.positionAt(made.placeholder.start + shift),
      end: after.positionAt(made.placeholder.end + shift),
    };
    return {
      edit,
      command: { title: 'Select the reason', command: COMMANDS.selectRange, arguments: [linted.uri, range] },
    };
  }

  private async fixAll(document: TextDocument, kind: string): Promise<CodeAction | undefined> {
    const fixed = await this.linting.fixAll(document);
    if (fixed === undefined) return undefined;
    const text = document.getText();
    const edits = lineEdits(text, fixed).map((edit) => ({
      range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) },
      newText: edit.text,
    }));
    if (edits.length === 0 && kind !== FIX_ALL_KIND) return undefined;
    return {
      title: 'Fix all safely fixable iacsec problems',
      kind,
      edit: this.wrap(document.uri, document.version, edits),
    };
  }

  private workspaceEdit(linted: LintedDocument, edits: readonly TextEdit[]): WorkspaceEdit {
    const shift = bomShift(linted);
    const lsp = edits.map((edit) => ({
      range: {
        start: linted.snapshot.positionAt(edit.start + shift),
        end: linted.snapshot.positionAt(edit.end + shift),
      },
      newText: edit.text,
    }));
    return this.wrap(linted.uri, linted.version, lsp);
  }

  /** A versioned edit where the client takes one: it refuses to apply it to a buffer that has changed since. */
  private wrap(uri: string, version: number, edits: LspTextEdit[]): WorkspaceEdit {
    if (this.abilities.documentChanges) return { documentChanges: [{ textDocument: { uri, version }, edits }] };
    return { changes: { [uri]: edits } };
  }

  private diagnosticsOf(linted: LintedDocument, finding: LintedFinding, sent: readonly Diagnostic[]): Diagnostic[] {
    const shift = bomShift(linted);
    const range = (start: number, end: number): Range => ({
      start: linted.snapshot.positionAt(start + shift),
      end: linted.snapshot.positionAt(end + shift),
    });
    return sent.filter((diagnostic) => sameFinding(diagnostic, finding, range));
  }
}

/** The text the engine's offsets count in: the buffer without a BOM the client kept. */
function engineText(linted: LintedDocument): string {
  const text = linted.snapshot.getText();
  return bomShift(linted) === 1 ? text.slice(1) : text;
}
