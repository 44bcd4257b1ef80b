// The language server's entry point (bundled to server/dist/server.js): the transport comes from the command
// line that started it (`--node-ipc` from the VS Code client, `--stdio` from other editors).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { serve } from './serve';

serve(createConnection(ProposedFeatures.all));
