export async function main(argv: string[]): Promise<number> {
  process.stdout.write(`args ${argv.join(' ')} node ${process.version}\n`);
  return 0;
}
