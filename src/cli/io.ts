import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Store } from '../store/open.js';

/** What a command needs from the outside world, so commands can run in-process in tests. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  isTTY?: boolean;
  /** Bytes to standard output (a PDF); without it, binary output needs --out. */
  stdoutBytes?: (bytes: Uint8Array) => void;
  /** Whether standard output is a terminal (binary output is never written to one). */
  stdoutIsTTY?: boolean;
  /** All of standard input, for a file named `-` (default: file descriptor 0). */
  stdin?: () => Uint8Array;
  /**
   * A store kept open across commands (the server's: src/cli/store-worker.ts): a command naming `location` uses
   * it and leaves it open, instead of opening and closing its own.
   */
  sharedStore?: { location: string; open: () => Promise<Store> };
}

/**
 * What a command's module is given to register its command (main.ts hands the same to each): the program, the input
 * and output, and how the command's action reports its exit code and whether input problems print as JSON.
 */
export interface CommandSetup {
  /** The program the command is added to. */
  program: Command;
  /** The run's input and output. */
  io: CliIo;
  /** Sets the run's exit code (EXIT). */
  setCode(code: number): void;
  /** Whether the run's input problems are printed as JSON: the command's --json, for commands that have one. */
  setJson(json: boolean): void;
}

/** The name a document read from standard input goes by: JSON if it starts with "{", otherwise YAML. */
export function stdinName(bytes: Uint8Array): string {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3; // a UTF-8 byte-order mark
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] === 0x7b ? '(standard input).json' : '(standard input).yaml';
}

export const EXIT = {
  originating: 0,
  notOriginating: 1,
  invalidInput: 2,
  internal: 3,
} as const;

/**
 * Where a command reads its claim: a path (relative to `io.cwd`), or `-` for standard input (then `given` holds the
 * bytes and `file` a name in the working folder, where the files the claim names resolve).
 */
export function claimSource(path: string, io: CliIo): { file: string; given?: Uint8Array } {
  if (path !== '-') return { file: resolve(io.cwd, path) };
  const given = (io.stdin ?? (() => readFileSync(0)))();
  return { file: resolve(io.cwd, stdinName(given)), given };
}
