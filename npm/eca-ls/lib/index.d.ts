/** The npm package that carries the binary for this platform, such as `@eca-ls/linux-x64`. */
export function platformPackage(platform?: string, arch?: string): string;
/** The absolute path of the eca-ls binary; throws an Error that says what to do when there is none. */
export function binaryPath(): string;
