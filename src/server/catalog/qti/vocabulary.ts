/** Namespaces, resource types and vocabulary values that export and import must agree on. */

export const QTI_NS = 'http://www.imsglobal.org/xsd/imsqtiasi_v3p0';
export const QTI_XSD = 'https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd';

/** The content-packaging namespace QTI 3.0 defines for its manifests (what we write). */
export const QTI_CP_NS = 'http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1';
export const QTI_CP_XSD = 'https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd';
/** Plain IMS CP 1.1: several QTI 3.0 exporters still write it, and the manifest structure is the same. */
export const IMS_CP_NS = 'http://www.imsglobal.org/xsd/imscp_v1p1';
export const MANIFEST_NAMESPACES = [QTI_CP_NS, IMS_CP_NS] as const;

export const LOM_NS = 'http://ltsc.ieee.org/xsd/LOM';
export const LOM_XSD = 'https://purl.imsglobal.org/spec/md/v1p3/schema/xsd/imsmd_loose_v1p3p2.xsd';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

export const ITEM_RESOURCE = 'imsqti_item_xmlv3p0';
export const TEST_RESOURCE = 'imsqti_test_xmlv3p0';

/** Response-processing templates, matched on the last path segment so both the purl and older URIs work. */
export const RP_TEMPLATE_BASE = 'https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/';

/**
 * Invigil's own LOM vocabulary. LOM lets a vocabulary element name its source; values from a source other than
 * `LOMv1.0` are the documented way to extend it (the loose binding we declare accepts them).
 */
export const INVIGIL_SOURCE = 'Invigil';
/** taxonPath/source of the classification (purpose `discipline`) that carries the item's domain code. */
export const DOMAIN_TAXONOMY = 'Invigil domain';
/** classification purpose (source Invigil) whose taxon id is `scored` or `pretest`. */
export const SCORING_PURPOSE = 'scoring';

/** `use` of the rubric block holding the rationale; QTI 3.0 reserves the `ext:` prefix for extension values. */
export const RATIONALE_USE = 'ext:rationale';
/** Test-level category QTI delivery engines can exclude from totals (`qti-test-variables exclude-category`). */
export const PRETEST_CATEGORY = 'pretest';

/** QTI identifiers are NCNames: a letter or `_`, then letters, digits, `_`, `-` or `.`. */
export const QTI_IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_.-]*$/u;
