/** Help texts. Kept beside the argument parser's options; a test checks every option appears here. */
import type { HelpTopic } from './args';

export const GENERAL_HELP = `iacsec — security linter for infrastructure-as-code (CloudFormation, Terraform JSON and plans, AWS CDK)

Usage:
  iacsec scan [PATH...] [options]   lint templates; PATH defaults to the current directory
  iacsec fix [PATH...] [options]    apply every safe fix, then report what remains
  iacsec diff OLD NEW [options]     the security-relevant changes between two CloudFormation templates
  iacsec rules [--format json]      list the rules
  iacsec explain RULE_ID            show a rule's page: what it checks, why, how to fix it
  iacsec lsp --stdio                run the language server over stdin/stdout, for any LSP editor
  iacsec help [COMMAND]             show this help, or the help of a command
  iacsec --version                  print the version

Run 'iacsec COMMAND --help' for the options of a command.

Environment: IACSEC_JOBS=N|auto sets how many threads 'iacsec scan' lints on when --jobs is not given;
NO_COLOR and FORCE_COLOR turn colour off and on.
`;

const REPORT_OPTIONS = `  -f, --format FORMAT                stylish (default; coloured on a terminal), json, sarif (SARIF 2.1.0)
                                     or junit (JUnit XML)
  -o, --output FILE                  write the report to FILE instead of stdout
      --severity error|warning|info  lowest severity that fails the run (default: warning); it sets only the
                                     exit code: every finding is listed whatever it is
      --exit-zero                    exit 0 even with findings or unreadable files (not on a usage error)
      --include-suppressed           also list findings a suppression covers (iacsec-ignore comments,
                                     Metadata, .iacsec.yaml), marked as suppressed
  -c, --config FILE                  read this configuration for every file, instead of each file's nearest
                                     .iacsec.yaml
  -h, --help                         show this help
      --version                      print the version`;

const EXIT_CODES = `Exit codes:
  0  no finding at or above --severity, and every IaC file was linted
  1  findings at or above --severity
  2  usage error, or an IaC file could not be read or parsed or was over a limit (2 wins over 1)`;

export const SCAN_HELP = `Usage: iacsec scan [PATH...] [options]

Lints the files and directories named (the current directory when none is named). Directories are walked
for *.yaml, *.yml, *.json and *.template files, skipping node_modules, .git, .terraform and what .gitignore
files ignore; a file named on the command line is always read. Only files detected as IaC are linted:
CloudFormation templates, Terraform JSON (*.tf.json) and plans (terraform show -json, by content). A CDK
app (a directory with cdk.json) or a cdk.out is read as CDK, even when .gitignore lists cdk.out: each
template once, each finding with its stack, construct path and the line of the app that created it.

Options:
${REPORT_OPTIONS}
  -j, --jobs N|auto                  lint on N threads: the main one and N-1 worker threads (default: auto,
                                     or IACSEC_JOBS: a worker per 64 files on all CPU cores but two, 7 at
                                     most); the report is the same whatever N

${EXIT_CODES}

Colours: stylish output is coloured on a terminal; NO_COLOR turns colour off, FORCE_COLOR turns it on.
A scan that runs longer than a second shows its progress on stderr when stderr is a terminal.
`;

export const FIX_HELP = `Usage: iacsec fix [PATH...] [--dry-run] [options]

Applies every safe fix to the IaC files named or found (as scan finds them), re-linting between passes, and
writes the files in place, keeping their line endings, final newline and byte-order mark. Then it reports
what remains, as a scan of the fixed files would, and prints 'N fixes applied in M files' on stderr.
Fixes marked as suggestions are never applied in bulk: apply them one at a time in the editor.
Generated files are never edited: templates inside a cdk.out directory and Terraform plans are skipped
with a note on stderr.

Options:
      --dry-run                      write nothing; print a unified diff of the fixes (--- a/PATH, +++ b/PATH)
                                     on stdout, which 'git apply' or 'patch -p1' can apply; the report of what
                                     would remain goes to --output FILE when given
${REPORT_OPTIONS}

${EXIT_CODES} (after the fixes)
`;

export const DIFF_HELP = `Usage: iacsec diff OLD NEW [options]

Compares two versions of a CloudFormation template (YAML or JSON) and reports what the change does to
security: IAM statements and managed policies added or removed, security-group rules opened or closed
(as 'cdk diff' finds them), resources CloudFormation will replace to apply it, and the findings the change
introduces and resolves. Findings are matched by rule, resource and message, so moving a resource does
not make its findings new. Both versions are linted under NEW's configuration, as if OLD stood where NEW
stands, so a finding is new because the template changed. Terraform JSON and plans are not compared: diff
them as text.

Options:
  -f, --format stylish|json          output format (default: stylish; coloured on a terminal)
  -o, --output FILE                  write the report to FILE instead of stdout
  -c, --config FILE                  the configuration for both versions (default: NEW's nearest
                                     .iacsec.yaml; its ignore list does not apply to named files)
      --severity error|warning|info  lowest severity of an introduced finding that fails the run
                                     (default: warning); it sets only the exit code
  -h, --help                         show this help
      --version                      print the version

Exit codes:
  0  no broadened access and no introduced finding at or above --severity
  1  the change broadens access (an IAM permission or a security-group rule added, a Deny removed), or
     introduces a finding at or above --severity
  2  usage error (OLD or NEW missing, or not a CloudFormation template), or a template that could not be
     read or parsed or was over a limit (2 wins over 1)
`;

export const RULES_HELP = `Usage: iacsec rules [--format stylish|json]

Lists the rules: id, severity, the customer responsibility each protects, and title. With --format json, a
JSON array of the rule metas: id, title, severity, theme, responsibility, messages, rationale, remediation,
references (the same check in checkov, cfn_nag, KICS, cdk-nag and trivy), fix, and docs (the page's URL).

Options:
  -f, --format stylish|json          output format (default: stylish)
  -h, --help                         show this help
      --version                      print the version

Exit codes: 0, or 2 for a usage error.
`;

export const EXPLAIN_HELP = `Usage: iacsec explain RULE_ID

Prints the rule's page (Markdown, shipped with iacsec): what it checks, why it matters to the customer's side
of the shared-responsibility model, how to fix it, and the same check in other tools.

Options:
  -h, --help                         show this help
      --version                      print the version

Exit codes: 0, or 2 for an unknown rule id (with the closest id when there is one) or a usage error.
`;

export const LSP_HELP = `Usage: iacsec lsp --stdio

Runs the iacsec language server over stdin and stdout, for editors that speak the Language Server Protocol
(Neovim, Helix, Emacs, Zed, …): diagnostics for every open CloudFormation buffer as it changes, with the rule id
and a link to its page. The VS Code extension starts the same server itself.

Options:
      --stdio                        talk LSP over stdin and stdout (required: the only transport offered)
  -h, --help                         show this help
`;

export const HELP: { readonly [T in HelpTopic]: string } = {
  iacsec: GENERAL_HELP,
  scan: SCAN_HELP,
  fix: FIX_HELP,
  diff: DIFF_HELP,
  rules: RULES_HELP,
  explain: EXPLAIN_HELP,
  lsp: LSP_HELP,
};
