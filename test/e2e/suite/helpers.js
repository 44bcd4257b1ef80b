'use strict';
// What the in-host suites share: the extension, fresh copies of fixture templates opened in an editor, waits on
// diagnostics (on VS Code's events, with a deadline), code actions as VS Code resolves and applies them.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const { within } = require('../lib/waits');

const EXTENSION_ID = 'iacsec.iacsec';
const SEVERITY = ['error', 'warning', 'info', 'hint'];

/** Activates the extension under test; fails when activation throws. */
async function activateExtension() {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `the extension ${EXTENSION_ID} is not loaded`);
  await extension.activate();
  assert.equal(extension.isActive, true);
  return extension;
}

function workspaceRoot() {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e workspace has no folder');
  return folder.uri.fsPath;
}

/** The text of a fixture file of the session's workspace, e.g. `stacks/app.yaml`. */
function fixtureText(relative) {
  return fs.readFileSync(path.join(workspaceRoot(), relative), 'utf8');
}

/**
 * A fresh copy of a fixture under `scratch/`, opened in the active editor: each test gets its own document, so
 * an edit left unsaved by one test never reaches another.
 * @param {string} relative the fixture, e.g. `stacks/app.yaml`
 * @param {string} name the copy's name, unique in the session
 */
async function openCopy(relative, name) {
  const file = path.join(workspaceRoot(), 'scratch', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, fixtureText(relative));
  const document = await vscode.workspace.openTextDocument(file);
  const editor = await vscode.window.showTextDocument(document);
  return { uri: document.uri, document, editor, file };
}

/** Opens a file of the workspace as it is, in the active editor. */
async function openFile(relative) {
  const document = await vscode.workspace.openTextDocument(path.join(workspaceRoot(), relative));
  const editor = await vscode.window.showTextDocument(document);
  return { uri: document.uri, document, editor };
}

function ruleOf(diagnostic) {
  const { code } = diagnostic;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

/** `line:character-line:character`, 0-based as in the protocol tests. */
function rangeText({ start, end }) {
  return `${start.line}:${start.character}-${end.line}:${end.character}`;
}

/** `rule@line:character-line:character/severity`, as the protocol tests write them. */
function summary(diagnostics) {
  return diagnostics.map((d) => `${ruleOf(d)}@${rangeText(d.range)}/${SEVERITY[d.severity]}`);
}

function iacsecDiagnostics(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'iacsec');
}

/**
 * Waits until the iacsec diagnostics of `uri` are exactly `expected` (see `summary`); on VS Code's
 * onDidChangeDiagnostics, so no polling, and with a deadline that shows what was there instead.
 * @param {vscode.Uri} uri
 * @param {string[]} expected
 * @returns {Promise<vscode.Diagnostic[]>}
 */
async function diagnosticsBecome(uri, expected, timeout = 10_000) {
  const matches = () => {
    const diagnostics = iacsecDiagnostics(uri);
    return JSON.stringify(summary(diagnostics)) === JSON.stringify(expected) ? diagnostics : undefined;
  };
  let subscription;
  const changed = new Promise((resolve) => {
    subscription = vscode.languages.onDidChangeDiagnostics(() => {
      const found = matches();
      if (found) resolve(found);
    });
  });
  try {
    const now = matches();
    if (now) return now;
    return await within(`diagnostics ${JSON.stringify(expected)} for ${uri.path}`, changed, timeout);
  } catch (error) {
    throw new Error(`${error.message}; last seen: ${JSON.stringify(summary(iacsecDiagnostics(uri)))}`);
  } finally {
    subscription?.dispose();
  }
}

/**
 * Code actions as VS Code's light bulb gets them; VS Code resolves the edits of the first `resolve` ones.
 * @returns {Promise<vscode.CodeAction[]>}
 */
async function codeActions(uri, range, kind, resolve = 50) {
  return vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, range, kind, resolve);
}

/** Applies a code action as VS Code does: its edit, then its command. */
async function applyAction(action) {
  if (action.edit) assert.equal(await vscode.workspace.applyEdit(action.edit), true, `${action.title}: edit refused`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/** The diagnostic of `rule` among those of `uri`. */
function diagnosticOf(uri, rule) {
  const found = iacsecDiagnostics(uri).find((d) => ruleOf(d) === rule);
  assert.ok(found, `no ${rule} diagnostic in ${uri.path}`);
  return found;
}

/** Sets an `iacsec.*` setting in the workspace settings, or removes it with `undefined`. */
async function setWorkspaceSetting(key, value) {
  await vscode.workspace.getConfiguration('iacsec').update(key, value, vscode.ConfigurationTarget.Workspace);
}

module.exports = {
  activateExtension,
  applyAction,
  codeActions,
  diagnosticOf,
  diagnosticsBecome,
  fixtureText,
  iacsecDiagnostics,
  openCopy,
  openFile,
  rangeText,
  ruleOf,
  setWorkspaceSetting,
  summary,
  workspaceRoot,
};
