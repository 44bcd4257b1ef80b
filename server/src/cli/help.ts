/** Help texts. Kept beside the argument parser's options; a test checks every option appears here. */

export const GENERAL_HELP = `iacsec — security linter for infrastructure-as-code (CloudFormation YAML and JSON)

Usage:
  iacsec scan [PATH...] [options]   lint templates; PATH defaults to the current directory
  iacsec help [scan]                show this help, or the help of a command
  iacsec --version                  print the version

Run 'iacsec scan --help' for the options of scan.
`;

export const SCAN_HELP = `Usage: iacsec scan [PATH...] [options]

Lints the files and directories named (the current directory when none is named). Directories are walked
for *.yaml, *.yml, *.json and *.template files, skipping node_modules, .git, .terraform and what .gitignore
files ignore; a file named on the command line is always read. Only files detected as IaC are linted.

Options:
  -f, --format stylish|json          output format (default: stylish); sarif and junit are not available yet
  -o, --output FILE                  write the report to FILE instead of stdout
      --severity error|warning|info  lowest severity that fails the scan (default: warning); it sets only the
                                     exit code: every finding is listed whatever it is
      --exit-zero                    exit 0 even with findings or unreadable files (not on a usage error)
      --include-suppressed           also list findings a suppression covers (suppressions are not read yet)
  -c, --config FILE                  configuration file; it must exist, but this version does not read it yet
  -h, --help                         show this help
      --version                      print the version

Exit codes:
  0  no finding at or above --severity, and every IaC file was linted
  1  findings at or above --severity
  2  usage error, or an IaC file could not be read or parsed or was over a limit (2 wins over 1)

Colours: stylish output is coloured on a terminal; NO_COLOR turns colour off, FORCE_COLOR turns it on.
`;
