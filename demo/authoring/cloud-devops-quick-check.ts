/**
 * Demo exam CDE-PQ1 “Cloud DevOps Engineer — Proctored Quick Check”: a short proctored exam (10 items, 15 minutes)
 * whose policy lets a candidate book a slot a few minutes ahead, so the whole proctored journey (booking, system test,
 * check-in, the greeter, the room scan, the proctored exam) can be tried at once. Its 10 scored items (D1 ×3, D2 ×2,
 * D3 ×1, D4 ×2, D5 ×2: the exact quotas of 10 under the domain weights) are distinct from the other exams' items.
 * Check with `npx tsx demo/authoring/check.ts`.
 */
import type { ItemDraft } from '../../src/core/catalog/item.ts';
import { buildItems, cloudDevOpsDomains, type DemoExam } from './shared.ts';

export const exam = {
  code: 'CDE-PQ1',
  title: 'Cloud DevOps Engineer — Proctored Quick Check',
  level: 'professional',
  description:
    'A free, 15-minute proctored check of 10 scenario questions from the five Cloud DevOps Engineer domains. ' +
    'It can be booked a few minutes ahead and taken again at once, so it shows the whole proctored journey in one sitting: ' +
    'the system test, check-in with ID and room photos, the greeter, the room scan and the exam under a live proctor.',
  languages: ['en'],
  durationMinutes: 15,
  scoredItemCount: 10,
  unscoredItemCount: 0,
  scaleMin: 100,
  scaleMax: 1000,
  passingScore: 750,
  priceMinor: 0,
  currency: 'USD',
  practice: false,
  formMode: 'random',
  domains: cloudDevOpsDomains,
} satisfies DemoExam;

const d1 = buildItems('D1', true, [
  {
    identifier: 'CDE-PQ1-0001',
    title: 'Flaky tests blocking merges',
    stem: 'A team’s merge pipeline fails about one run in five, although the same commit usually passes when it is run again. Developers have started re-running failed pipelines without reading the failures, and last week a real defect was merged that way.',
    question: 'Which actions should the team take? (Choose two.)',
    options: [
      'Re-run the whole pipeline automatically up to five times, and report a failure only when every run has failed.',
      'Move tests known to be flaky into a quarantine job that reports but does not block, each with an owner and a date by which it is fixed.',
      'Delete every test that has failed at least once in the last month, so that only tests that never fail remain in the pipeline.',
      'Record the result history of every test, so that tests that both fail and pass on the same commit are detected automatically.',
      'Allow developers to merge with a failing pipeline whenever they believe that the failure is caused by a flaky test.',
    ],
    key: ['B', 'D'],
    rationale: 'Detecting flaky tests from their history finds them without guesswork, and quarantining them with an owner keeps the blocking suite trustworthy while they are fixed. Automatic re-runs hide real intermittent defects and slow every pipeline. Deleting tests that ever failed removes the tests that catch defects. Merging on belief is exactly how the defect got through.',
  },
  {
    identifier: 'CDE-PQ1-0002',
    title: 'Downloading dependencies on every run',
    stem: 'A Node.js service’s pipeline spends eight of its twelve minutes downloading the same npm packages on fresh runners. The dependencies change only a few times a month, and every build must still use exactly the versions in the committed lock file.',
    question: 'Which change shortens the pipeline MOST safely?',
    options: [
      'Commit the node_modules folder to the repository, so that the runners check out the dependencies together with the code.',
      'Cache the package manager’s download cache with a key derived from the hash of the lock file, and install from the lock file on every run.',
      'Replace the exact versions in package.json with version ranges, so that the package manager can reuse whichever versions are already installed.',
      'Skip the dependency installation on runs where no developer has changed package.json since the last successful build.',
    ],
    key: 'B',
    rationale: 'A cache keyed on the lock file is reused until the dependencies change and is rebuilt automatically when they do, while the install still enforces the lock file. Committing node_modules bloats the repository and breaks native modules across platforms. Version ranges make builds less reproducible. Skipping the install on fresh runners leaves no dependencies at all.',
  },
  {
    identifier: 'CDE-PQ1-0003',
    title: 'Configuration outside the artifact',
    stem: 'A team builds a separate container image for each of its development, staging and production environments, because database addresses and feature settings are written into the image at build time. A production incident was caused by an image that differed from the one tested in staging.',
    question: 'What should the team change?',
    options: [
      'Add a pipeline step that compares the source code of the staging and production images before each production deployment is approved.',
      'Build all three images in the same pipeline run, so that they are produced from the same commit at the same time.',
      'Keep one image per environment, but store the build settings of each environment in a separate branch of the repository.',
      'Build one image, promote that same image through every environment, and supply the environment settings when it is deployed.',
    ],
    key: 'D',
    rationale: 'When configuration is supplied at deployment time, the image tested in staging is byte for byte the image that runs in production. Comparing source code does not prove that the built images are identical. Building three images in one run still produces three different artifacts. Branches per environment add drift between environments instead of removing it.',
  },
]);

const d2 = buildItems('D2', true, [
  {
    identifier: 'CDE-PQ1-0004',
    title: 'Ordering resources that depend on each other',
    stem: 'An IaC configuration creates an IAM role and a storage bucket policy that grants that role access. The policy refers to the role by a hard-coded name in a text string, and about one apply in three fails because the tool creates the policy before the role exists.',
    question: 'What is the BEST fix?',
    options: [
      'Refer to the role through its resource attribute in the policy, so that the tool infers the dependency and creates the role first.',
      'Add a step to the pipeline that waits sixty seconds and runs the apply again whenever the first apply fails.',
      'Move the bucket policy into a separate configuration that an engineer applies by hand after the role has been created.',
      'Lower the tool’s parallelism to one, so that it creates the resources one at a time, in the order in which they appear in the files.',
    ],
    key: 'A',
    rationale: 'A reference to the role’s attribute gives the tool an explicit edge in its dependency graph, so the order is correct on every run. Waiting and retrying hides the problem and slows every failed run. A manual second step adds human error. Lower parallelism does not make the tool follow file order, and it slows every apply.',
  },
  {
    identifier: 'CDE-PQ1-0005',
    title: 'Every resource tagged for cost allocation',
    stem: 'Finance needs every cloud resource to carry the tags cost-center and owner, so that spend can be charged to teams. All resources are created through IaC pipelines, yet a monthly report shows that a third of them have missing or misspelled tags.',
    question: 'Which actions should the platform team take? (Choose two.)',
    options: [
      'Add a policy-as-code check to the pipelines that refuses any plan that would create or change a resource without valid tags.',
      'Ask each team to review its own resources once a quarter and to add the missing tags in the cloud console.',
      'Send the monthly report to all engineers, and ask the teams with the most untagged resources to explain why.',
      'Tag only the production resources, because non-production spend is too small to be worth charging to teams.',
      'Set the required tags as default tags in the shared provider configuration and modules, filled from variables each team must set.',
    ],
    key: ['A', 'E'],
    rationale: 'Default tags in the shared configuration make correct tagging automatic, and a policy check in the pipeline stops whatever still lacks valid tags before it is created. Console fixes are manual and drift from the code, which then removes them again. Reports and explanations do not prevent the next untagged resource. Non-production spend is often a large share of the bill and still needs an owner.',
  },
]);

const d3 = buildItems('D3', true, [
  {
    identifier: 'CDE-PQ1-0006',
    title: 'Headroom for a zone failure',
    stem: 'A web service runs four instances, two in each of two availability zones, and at the daily peak every instance runs at 70% CPU. The service must keep serving the peak without degradation if one zone fails, and the team does not want to rely on scaling out during the failure.',
    question: 'Which design meets these requirements?',
    options: [
      'Keep the four instances, and configure auto scaling to add instances in the remaining zone as soon as its health checks show that a zone has failed.',
      'Replace the four instances with two instances twice the size, one in each zone, and keep the same load balancer.',
      'Run six instances of the same size spread evenly across three zones, so that the four left after losing a zone run at about 70%.',
      'Keep the four instances in two zones, and lower the CPU alarm threshold so that the team is warned before a zone fails.',
    ],
    key: 'C',
    rationale: 'The peak needs 2.8 instances of capacity; six instances over three zones leave four after a zone failure, which carry the peak at about 70% each without any scaling. Scaling out during a zone failure is what the team does not want to rely on, and capacity in the remaining zone may be scarce then. Two large instances leave one instance at 140% after a failure. An alarm does not add capacity.',
  },
]);

const d4 = buildItems('D4', true, [
  {
    identifier: 'CDE-PQ1-0007',
    title: 'Finding the log lines of one request',
    stem: 'Twelve services write free-text log lines to their own files. When a customer reports a failed order, engineers search each service’s logs by timestamp and guess which lines belong to that order, which takes hours.',
    question: 'Which change makes this investigation fastest?',
    options: [
      'Increase the log level of every service to debug, so that each service records every step it takes for every request.',
      'Copy the log files of all services to one shared folder every hour, so that engineers can search all of them in one place with the usual text tools.',
      'Ask each team to describe its log format in a wiki page, so that engineers know how to read the logs of every service.',
      'Write structured log entries that carry a correlation ID propagated between services, and ship them to a central log store.',
    ],
    key: 'D',
    rationale: 'A correlation ID carried through every service, in structured entries in a central store, turns the investigation into one query for one ID. Debug logging adds volume without linking lines to an order. An hourly copy is late and still leaves free text to guess from. Documentation helps reading, not finding, the lines of one request.',
  },
  {
    identifier: 'CDE-PQ1-0008',
    title: 'A nightly job that silently did not run',
    stem: 'A nightly batch job exports the day’s invoices to the accounting system. Last month it did not run for three nights because its scheduler had been stopped, and nobody noticed until customers complained, because the job never started and so never logged an error.',
    question: 'Which monitoring change detects this failure?',
    options: [
      'Have the job report a heartbeat when it completes, and alert when no heartbeat has arrived within the expected time after the schedule.',
      'Alert on every error that the job writes to its log, and send the alerts to the team that owns the accounting integration.',
      'Add a dashboard that shows the job’s run time for the last thirty days, and review the dashboard in the weekly team meeting.',
      'Monitor the CPU and memory usage of the server that runs the job, and alert when either one stays unusually low.',
    ],
    key: 'A',
    rationale: 'A missing-heartbeat alert fires on the absence of a success, which is exactly what happens when a job never starts. Error alerts need the job to run. A weekly dashboard review finds the gap days late. Low resource use is an indirect, noisy signal that many harmless causes trigger.',
  },
]);

const d5 = buildItems('D5', true, [
  {
    identifier: 'CDE-PQ1-0009',
    title: 'Encrypting service-to-service traffic',
    stem: 'A company runs 40 microservices on a Kubernetes cluster. An audit requires that all traffic between services is encrypted and that each service proves its identity to the services it calls. The teams want to avoid handling certificates by hand.',
    question: 'Which solution meets these requirements with the LEAST operational effort?',
    options: [
      'Terminate TLS at the cluster’s ingress load balancer, and keep the traffic between services inside the cluster unencrypted.',
      'Use a service mesh that issues each workload its own certificate, enforces mutual TLS between services and rotates the certificates automatically.',
      'Connect the cluster’s nodes with a VPN, so that every packet between nodes is encrypted while it crosses the network.',
      'Have every team create a self-signed certificate for its service once a year, and send the certificate by email to each team whose services call it.',
    ],
    key: 'B',
    rationale: 'A mesh with mutual TLS encrypts every connection, authenticates each workload by its own identity, and automates issuing and rotating certificates. TLS at the ingress leaves internal traffic in plain text. A node VPN encrypts the network but gives services no identity. Hand-made self-signed certificates are exactly the manual work to avoid and are easy to let expire.',
  },
  {
    identifier: 'CDE-PQ1-0010',
    title: 'Realistic test data without personal data',
    stem: 'Developers ask for a copy of the production customer database in staging, so that they can reproduce bugs with realistic data. The database holds names, addresses and payment details, and the data protection officer does not allow personal data outside production.',
    question: 'What should the DevOps engineer provide?',
    options: [
      'A nightly copy of the production database in staging, with access restricted to senior developers who have signed a confidentiality agreement.',
      'A copy of the production database that keeps only the customers who have agreed to the terms of service in the last year.',
      'An automated pipeline that builds the staging database from production with personal fields masked or replaced by synthetic values.',
      'Read-only accounts on the production database for developers, so that they can look up the data they need without copying it.',
    ],
    key: 'C',
    rationale: 'Masking or synthesising the personal fields keeps the data realistic in shape and volume while no personal data leaves production, and automation keeps it fresh. Restricting access to an unmasked copy still moves personal data outside production. Accepting the terms of service is not consent to use the data for testing. Read-only production access exposes the personal data to every developer.',
  },
]);

export const items: ItemDraft[] = [...d1, ...d2, ...d3, ...d4, ...d5];
