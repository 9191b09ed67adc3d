/**
 * Files a reader dropped or picked, read into audit inputs with the same limits as the CLI:
 * folders are walked (DataTransfer entries or a webkitdirectory input), node_modules/.git and
 * other skipped folders are left out, and so are binary files found inside a folder. A file
 * picked by name always reaches the audit, which says why it cannot read it. At most
 * MAX_READ_BYTES of each file is read.
 */
import type { AuditInput } from '../../sim/audit/types';
import {
  decodeText,
  isSkippedPath,
  looksBinary,
  MAX_AUDIT_FILES,
  MAX_READ_BYTES,
} from './input-limits';

export interface ReadFiles {
  readonly inputs: AuditInput[];
  /** One sentence per file left out. */
  readonly skipped: string[];
}

interface Picked {
  readonly file: File;
  /** Path inside the dropped or picked folder, or the file name. */
  readonly path: string;
  readonly fromFolder: boolean;
}

async function readBytes(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, MAX_READ_BYTES).arrayBuffer());
}

async function toInputs(picked: readonly Picked[]): Promise<ReadFiles> {
  const inputs: AuditInput[] = [];
  const skipped: string[] = [];
  for (const { file, path, fromFolder } of picked) {
    if (fromFolder && isSkippedPath(path)) continue;
    if (inputs.length >= MAX_AUDIT_FILES) {
      skipped.push(`${path}: more than ${MAX_AUDIT_FILES} files`);
      continue;
    }
    if (fromFolder && file.size >= MAX_READ_BYTES) {
      skipped.push(`${path}: larger than 1 MiB`);
      continue;
    }
    const bytes = await readBytes(file);
    if (fromFolder && looksBinary(bytes)) {
      skipped.push(`${path}: binary`);
      continue;
    }
    inputs.push({ name: path, text: decodeText(bytes) });
  }
  return { inputs, skipped };
}

/** Files from an <input type=file> (multiple, or webkitdirectory). */
export function readFileList(list: FileList | readonly File[]): Promise<ReadFiles> {
  const picked = Array.from(list, (file) => {
    const relative = file.webkitRelativePath;
    return { file, path: relative !== '' ? relative : file.name, fromFolder: relative !== '' };
  });
  return toInputs(picked);
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => {
    entry.file(resolve, reject);
  });
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => {
    reader.readEntries(resolve, reject);
  });
}

async function walkEntry(
  entry: FileSystemEntry,
  picked: Picked[],
  inFolder: boolean,
): Promise<void> {
  if (picked.length > MAX_AUDIT_FILES * 2) return;
  const path = entry.fullPath.replace(/^\//, '');
  if (entry.isFile) {
    picked.push({
      file: await entryFile(entry as FileSystemFileEntry),
      path,
      fromFolder: inFolder,
    });
    return;
  }
  if (!entry.isDirectory || isSkippedPath(path)) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries returns the folder in batches until an empty one.
  for (;;) {
    const batch = await readEntries(reader);
    if (batch.length === 0) break;
    for (const child of batch) await walkEntry(child, picked, true);
  }
}

/** Files and folders dropped on the page. */
export async function readDataTransfer(data: DataTransfer): Promise<ReadFiles> {
  const entries = Array.from(data.items)
    .filter((item) => item.kind === 'file')
    .map((item) => (typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null));
  if (entries.length === 0 || entries.some((entry) => entry === null))
    return readFileList(data.files);
  const picked: Picked[] = [];
  for (const entry of entries) if (entry !== null) await walkEntry(entry, picked, false);
  return toInputs(picked);
}
