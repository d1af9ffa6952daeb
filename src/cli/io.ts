/** What a command needs from the outside world, so commands can run in-process in tests. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  isTTY?: boolean;
}

export const EXIT = {
  originating: 0,
  notOriginating: 1,
  invalidInput: 2,
  internal: 3,
} as const;
