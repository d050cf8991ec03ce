import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../core/shared/app-error.ts';
import type { ExamPolicy } from '../../core/catalog/policy.ts';

/** What a Safe Exam Browser check needs from a request: its absolute URL and the config-key hash header, if any. */
export interface SebRequest {
  absoluteUrl: string;
  configKeyHash: string | undefined;
}

/** SEB's Config Key hash for a request: hex SHA-256 of the absolute URL (without fragment) followed by the Config Key. */
export const sebConfigKeyHash = (absoluteUrl: string, configKey: string) => createHash('sha256').update(absoluteUrl.split('#')[0]! + configKey).digest('hex');

/**
 * When the policy requires Safe Exam Browser, the request must carry `X-SafeExamBrowser-ConfigKeyHash` computed for
 * this very URL with the exam's Config Key; otherwise it is refused (nothing is read or changed).
 */
export function requireSafeExamBrowser(policy: { proctoring: Pick<ExamPolicy['proctoring'], 'requireSafeExamBrowser' | 'safeExamBrowserConfigKey'> }, req: SebRequest): void {
  if (!policy.proctoring.requireSafeExamBrowser) return;
  const expected = Buffer.from(sebConfigKeyHash(req.absoluteUrl, policy.proctoring.safeExamBrowserConfigKey), 'hex');
  const given = /^[0-9a-f]{64}$/i.test(req.configKeyHash ?? '') ? Buffer.from(req.configKeyHash!, 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AppError('SafeExamBrowserRequired', 'This exam must be taken in Safe Exam Browser with the settings file from your exam program.');
  }
}
