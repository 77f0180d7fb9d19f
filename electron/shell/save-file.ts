// Export: the user picks where the file goes; nothing is written without that choice.
import { writeFile } from 'node:fs/promises';
import { dialog, type BrowserWindow } from 'electron';

export async function saveWithDialog(parent: BrowserWindow, content: string, suggestedName: string): Promise<{ saved: boolean; path: string | null }> {
  const extension = suggestedName.split('.').pop() ?? 'txt';
  const choice = await dialog.showSaveDialog(parent, { defaultPath: suggestedName, filters: [{ name: extension.toUpperCase(), extensions: [extension] }] });
  if (choice.canceled || choice.filePath === undefined) return { saved: false, path: null };
  await writeFile(choice.filePath, content, 'utf8');
  return { saved: true, path: choice.filePath };
}
