import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const config = JSON.parse(readFileSync(new URL('../../electron-builder.json', import.meta.url), 'utf8'));

describe('the electron-builder configuration', () => {
  it("is valid against electron-builder's own JSON Schema", () => {
    const schema = require('app-builder-lib/scheme.json');
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('builds AppImage and deb for Linux, NSIS for Windows and dmg for macOS from the icon in build/', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win.target).toContain('nsis');
    expect(config.mac.target).toContain('dmg');
    const icon = readFileSync(new URL(`../../${config.linux.icon}`, import.meta.url));
    expect(icon.subarray(1, 4).toString()).toBe('PNG');
    expect(icon.readUInt32BE(16)).toBeGreaterThanOrEqual(512); // width, as electron-builder needs for macOS
  });

  it('sets the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('packages only the built app', () => {
    expect(config.files).toContain('out/**/*');
    expect(config.files).not.toContain('**/*');
  });
});
