// Builds the npm packages of eca-ls into tarballs: the main package `eca-ls` (npm/eca-ls: the
// launcher and the binary's look-up) and one package per platform, `@eca-ls/<platform>-<arch>`,
// made here from npm/platforms.json with the stripped binary in it. No package runs anything at
// install time. Called by scripts/package-npm.sh, which says how.
//
// Usage: node npm/pack.mjs --out DIR [--platform PLATFORM --binary PATH]... [--no-main]
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { copyStripped } from "../scripts/strip-binary.mjs";

const npmRoot = path.dirname(fileURLToPath(import.meta.url));
const repositoryRoot = path.resolve(npmRoot, "..");
const mainSource = path.join(npmRoot, "eca-ls");
const platforms = JSON.parse(fs.readFileSync(path.join(npmRoot, "platforms.json"), "utf8"));
delete platforms["//"];

function fail(message) {
  console.error(`package-npm: ${message}`);
  process.exit(1);
}

function parseArguments(argv) {
  const options = { out: undefined, builds: [], main: true };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    const value = () => {
      const next = argv[++index];
      if (next === undefined) fail(`${argument} needs a value`);
      return next;
    };
    if (argument === "--out") options.out = path.resolve(value());
    else if (argument === "--platform") options.builds.push({ platform: value(), binary: undefined });
    else if (argument === "--binary") {
      const last = options.builds.at(-1);
      if (last === undefined || last.binary !== undefined) fail("--binary follows the --platform it is for");
      last.binary = path.resolve(value());
    } else if (argument === "--no-main") options.main = false;
    else fail(`unknown argument ${argument}`);
  }
  if (options.out === undefined) fail("--out DIR is required");
  for (const build of options.builds) {
    if (!(build.platform in platforms)) {
      fail(`no platform ${build.platform} in npm/platforms.json (known: ${Object.keys(platforms).join(", ")})`);
    }
    if (build.binary === undefined) fail(`--platform ${build.platform} needs --binary PATH`);
    if (!fs.existsSync(build.binary)) fail(`no binary at ${build.binary}`);
  }
  return options;
}

/** The version the whole workspace has in Cargo.toml ([workspace.package] version). */
function cargoVersion() {
  const manifest = fs.readFileSync(path.join(repositoryRoot, "Cargo.toml"), "utf8");
  const section = manifest.split(/^\[workspace\.package\]$/m)[1] ?? "";
  const match = /^version\s*=\s*"([^"]+)"/m.exec(section.split(/^\[/m)[0]);
  if (!match) fail("no version in Cargo.toml's [workspace.package]");
  return match[1];
}

/** The main package's manifest, checked against Cargo.toml's version and the platform table. */
function mainManifest(version) {
  const manifest = JSON.parse(fs.readFileSync(path.join(mainSource, "package.json"), "utf8"));
  if (manifest.version !== version) {
    fail(`npm/eca-ls/package.json has version ${manifest.version}, Cargo.toml ${version}: make them agree`);
  }
  const expected = Object.fromEntries(Object.keys(platforms).map((key) => [`@eca-ls/${key}`, version]));
  const actual = manifest.optionalDependencies ?? {};
  if (JSON.stringify(Object.entries(actual).sort()) !== JSON.stringify(Object.entries(expected).sort())) {
    fail(
      "npm/eca-ls/package.json's optionalDependencies must name each platform of npm/platforms.json at the version " +
        `${version}:\n  expected ${JSON.stringify(expected)}\n  found    ${JSON.stringify(actual)}`,
    );
  }
  return manifest;
}

function platformManifest(key, platform, version, main) {
  const manifest = {
    name: `@eca-ls/${key}`,
    version,
    description: `The eca-ls binary for ${key}; installed by the eca-ls package, not by hand`,
    license: main.license,
    repository: main.repository,
    homepage: main.homepage,
    os: [platform.os],
    cpu: [platform.cpu],
  };
  if (platform.libc) manifest.libc = [platform.libc];
  manifest.files = [`bin/${platform.binary}`, "README.md", "LICENSE"];
  manifest.preferUnplugged = true;
  return manifest;
}

function npmPack(folder, out) {
  const result = spawnSync("npm", ["pack", "--silent", "--pack-destination", out], {
    cwd: folder,
    encoding: "utf8",
    shell: process.platform === "win32",
  });
  if (result.status !== 0) fail(`npm pack in ${folder} failed:\n${result.stderr}`);
  const tarball = path.join(out, result.stdout.trim().split("\n").at(-1));
  if (!fs.existsSync(tarball)) fail(`npm pack in ${folder} said it wrote ${tarball}, which is not there`);
  return tarball;
}

const options = parseArguments(process.argv.slice(2));
const version = cargoVersion();
const main = mainManifest(version);
const license = path.join(repositoryRoot, "editors", "vscode", "LICENSE");
fs.mkdirSync(options.out, { recursive: true });
const staging = fs.mkdtempSync(path.join(os.tmpdir(), "eca-ls-npm-"));
try {
  const written = [];
  if (options.main) {
    const folder = path.join(staging, "eca-ls");
    fs.cpSync(mainSource, folder, { recursive: true });
    fs.copyFileSync(license, path.join(folder, "LICENSE"));
    written.push(npmPack(folder, options.out));
  }
  for (const build of options.builds) {
    const platform = platforms[build.platform];
    const folder = path.join(staging, build.platform);
    fs.mkdirSync(folder, { recursive: true });
    const manifest = platformManifest(build.platform, platform, version, main);
    fs.writeFileSync(path.join(folder, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.writeFileSync(
      path.join(folder, "README.md"),
      `# ${manifest.name}\n\nThe \`eca-ls\` binary for ${build.platform} (Rust target \`${platform.target}\`). ` +
        "Install [`eca-ls`](https://www.npmjs.com/package/eca-ls) instead: npm picks this package for you.\n",
    );
    fs.copyFileSync(license, path.join(folder, "LICENSE"));
    const { stripped, reason } = copyStripped(build.binary, path.join(folder, "bin", platform.binary));
    if (!stripped) console.error(`package-npm: ${build.platform}: not stripped (${reason})`);
    written.push(npmPack(folder, options.out));
  }
  for (const tarball of written) {
    console.log(`${path.relative(process.cwd(), tarball)} (${(fs.statSync(tarball).size / 1e6).toFixed(1)} MB)`);
  }
} finally {
  fs.rmSync(staging, { recursive: true, force: true });
}
