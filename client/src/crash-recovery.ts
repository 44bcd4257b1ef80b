import { type LogOutputChannel, window } from 'vscode';
import {
  CloseAction,
  type CloseHandlerResult,
  ErrorAction,
  type ErrorHandler,
  type ErrorHandlerResult,
} from 'vscode-languageclient/node';
import { CrashPolicy } from './crash-policy';

export interface CrashRecoveryActions {
  showOutput(): void;
  restartServer(): Thenable<unknown>;
}

/**
 * The language client's error handler: a crashed server is restarted (silently the first time, with one
 * warning after that), and left stopped with an error message once it keeps crashing.
 */
export class CrashRecovery implements ErrorHandler {
  private readonly policy = new CrashPolicy();

  constructor(
    private readonly output: LogOutputChannel,
    private readonly actions: CrashRecoveryActions,
  ) {}

  /** A failed read or write is usually one bad message; the connection closing is what `closed` handles. */
  error(error: Error): ErrorHandlerResult {
    return { action: ErrorAction.Continue, message: `Connection error: ${error.message}`, handled: true };
  }

  closed(): CloseHandlerResult {
    const decision = this.policy.onCrash(Date.now());
    if (decision === 'give-up') {
      void this.reportGivingUp();
      return {
        action: CloseAction.DoNotRestart,
        message: "iacsec's language server keeps stopping; it was not restarted.",
        handled: true,
      };
    }
    if (decision === 'restart-and-warn') void this.warnRestarted();
    return { action: CloseAction.Restart, message: "iacsec's language server stopped; restarting it.", handled: true };
  }

  /** The user restarts the server: crashes before that no longer count against it. */
  reset(): void {
    this.policy.reset();
  }

  private async warnRestarted(): Promise<void> {
    const choice = await window.showWarningMessage(
      "iacsec's language server stopped and was restarted.",
      'Show Output',
    );
    if (choice === 'Show Output') this.actions.showOutput();
  }

  private async reportGivingUp(): Promise<void> {
    const choice = await window.showErrorMessage(
      "iacsec's language server stopped 5 times in 3 minutes and was not restarted. The output may say why.",
      'Show Output',
      'Restart',
    );
    if (choice === 'Show Output') this.actions.showOutput();
    if (choice === 'Restart') {
      try {
        await this.actions.restartServer();
      } catch (error) {
        this.output.error(`Restarting the server failed: ${String(error)}`);
      }
    }
  }
}
