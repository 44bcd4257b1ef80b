import { ConfigurationTarget, type ExtensionContext, window, workspace } from 'vscode';
import { contributedYamlTags, mergeYamlTags } from './yaml-tags';

/**
 * "Add CloudFormation Tags to YAML Settings": the contributed default of `yaml.customTags` is lost as soon as a
 * user or workspace sets its own list, so this merges the tags into that list (the workspace's when a folder is
 * open, else the user's), keeping what is there.
 */
export async function addYamlCustomTags(context: ExtensionContext): Promise<void> {
  const tags = contributedYamlTags(context.extension.packageJSON);
  const inWorkspace = (workspace.workspaceFolders?.length ?? 0) > 0;
  const target = inWorkspace ? ConfigurationTarget.Workspace : ConfigurationTarget.Global;
  const where = inWorkspace ? 'workspace settings' : 'user settings';
  const configuration = workspace.getConfiguration('yaml');
  // The value at that target only: `get` would include the contributed default and write it back whole.
  const inspected = configuration.inspect<unknown>('customTags');
  const { merged, added } = mergeYamlTags(inWorkspace ? inspected?.workspaceValue : inspected?.globalValue, tags);
  if (added.length === 0) {
    void window.showInformationMessage(`yaml.customTags in the ${where} already has every CloudFormation tag.`);
    return;
  }
  await configuration.update('customTags', merged, target);
  void window.showInformationMessage(
    `Added ${added.length} CloudFormation ${added.length === 1 ? 'tag' : 'tags'} to yaml.customTags in the ${where}.`,
  );
}
