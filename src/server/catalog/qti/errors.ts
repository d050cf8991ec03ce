/**
 * Why a QTI package was refused. The code is stable (the import use case passes it on to the API client); the
 * message names the file and says what to change, so an author can fix the package without reading our code.
 */
export const qtiPackageErrorCodes = [
  /** Not a zip, a damaged zip, or a zip feature we refuse (encryption, split archives, overlapping entries). */
  'ZipInvalid',
  /** An entry, or the package as a whole, inflates beyond the limits (a zip bomb, or simply too much). */
  'ZipTooLarge',
  'TooManyEntries',
  /** An entry name or a reference that could land outside the package (`..`, absolute, drive letter, `\`). */
  'UnsafePath',
  /** A DOCTYPE or ENTITY declaration: refused outright (XXE, "billion laughs"). */
  'XmlUnsafe',
  'XmlInvalid',
  'NotUtf8',
  'UnknownNamespace',
  'MissingFile',
  'ManifestInvalid',
  'ItemInvalid',
] as const;

export type QtiPackageErrorCode = (typeof qtiPackageErrorCodes)[number];

/** Example: `throw new QtiPackageError('MissingFile', 'imsmanifest.xml lists items/q1.xml, which is not in the zip.', { file: 'items/q1.xml' })`. */
export class QtiPackageError extends Error {
  readonly code: QtiPackageErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: QtiPackageErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'QtiPackageError';
    this.code = code;
    this.details = details;
  }
}
