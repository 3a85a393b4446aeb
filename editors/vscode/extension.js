// The journeyspec extension: a thin client that starts `journeyspec lsp` for the YAML files
// of a journeyspec project. Every check and answer comes from the server.
"use strict";

const fs = require("fs");
const path = require("path");
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function serverCommand() {
  const configured = vscode.workspace.getConfiguration("journeyspec").get("server.command");
  const [program, ...args] = Array.isArray(configured) && configured.length > 0
    ? configured
    : ["journeyspec", "lsp"];
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const local = folder && !path.isAbsolute(program) && program.includes(path.sep)
    ? path.join(folder, program)
    : undefined;
  return { command: local && fs.existsSync(local) ? local : program, args };
}

async function activate(context) {
  const { command, args } = serverCommand();
  const server = { command, args, transport: TransportKind.stdio };
  client = new LanguageClient(
    "journeyspec",
    "journeyspec",
    { run: server, debug: server },
    {
      documentSelector: [{ scheme: "file", language: "yaml" }],
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher("**/*.{yaml,yml}"),
      },
    },
  );
  context.subscriptions.push(client);
  try {
    await client.start();
  } catch (error) {
    vscode.window.showErrorMessage(
      `journeyspec: could not start \`${command} ${args.join(" ")}\` (${error.message}). ` +
        "Install journeyspec or set journeyspec.server.command.",
    );
  }
}

async function deactivate() {
  if (client) {
    await client.stop();
  }
}

module.exports = { activate, deactivate };
