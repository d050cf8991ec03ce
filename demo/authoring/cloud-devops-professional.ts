/**
 * Demo exam CDE-P01 “Cloud DevOps Engineer — Professional”: the exam record and its item bank (91 scored items
 * across five domains plus 12 unscored pretest items). The items live in ./cloud-devops-professional/, one file per
 * domain; this module re-exports them in identifier order. Check with `npx tsx demo/authoring/check.ts`.
 */
import type { ItemDraft } from '../../src/core/catalog/item.ts';
import { cloudDevOpsDomains, type DemoExam } from './shared.ts';
import { d1Items } from './cloud-devops-professional/d1.ts';
import { d2Items } from './cloud-devops-professional/d2.ts';
import { d3Items } from './cloud-devops-professional/d3.ts';
import { d4Items } from './cloud-devops-professional/d4.ts';
import { d5Items } from './cloud-devops-professional/d5.ts';
import { pretestItems } from './cloud-devops-professional/pretest.ts';

export const exam = {
  code: 'CDE-P01',
  title: 'Cloud DevOps Engineer — Professional',
  level: 'professional',
  description:
    'Validates the ability to design, automate and operate delivery pipelines and cloud infrastructure at production scale. ' +
    'Candidates solve scenario-based problems on CI/CD, infrastructure as code, resilience, observability, incident response and security governance, ' +
    'choosing solutions that balance reliability, security, cost and operational overhead.',
  languages: ['en'],
  durationMinutes: 180,
  scoredItemCount: 75,
  unscoredItemCount: 10,
  scaleMin: 100,
  scaleMax: 1000,
  passingScore: 750,
  priceMinor: 30000,
  currency: 'USD',
  practice: false,
  formMode: 'random',
  domains: cloudDevOpsDomains,
} satisfies DemoExam;

export const items: ItemDraft[] = [...d1Items, ...d2Items, ...d3Items, ...d4Items, ...d5Items, ...pretestItems];
