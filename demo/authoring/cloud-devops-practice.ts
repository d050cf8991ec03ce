/**
 * Demo exam CDE-PR1 “Cloud DevOps Engineer — Practice Test”: a free, unproctored 20-item practice test for CDE-P01
 * with the same blueprint. Its 20 scored items (D1 ×5, D2 ×4, D3 ×3, D4 ×4, D5 ×4: the exact quotas of 20 under the
 * domain weights) are distinct from the professional exam's bank. Check with `npx tsx demo/authoring/check.ts`.
 */
import type { ItemDraft } from '../../src/core/catalog/item.ts';
import { buildItems, cloudDevOpsDomains, type DemoExam } from './shared.ts';

export const exam = {
  code: 'CDE-PR1',
  title: 'Cloud DevOps Engineer — Practice Test',
  level: 'professional',
  description:
    'A free, unproctored practice test for the Cloud DevOps Engineer — Professional exam (CDE-P01). ' +
    'Its 20 scenario questions follow the same five domains and weights, so candidates can get used to the question style and review the explanations before booking the proctored exam.',
  languages: ['en'],
  durationMinutes: 40,
  scoredItemCount: 20,
  unscoredItemCount: 0,
  scaleMin: 100,
  scaleMax: 1000,
  passingScore: 750,
  priceMinor: 0,
  currency: 'USD',
  practice: true,
  formMode: 'random',
  domains: cloudDevOpsDomains,
} satisfies DemoExam;

const d1 = buildItems('D1', true, [
  {
    identifier: 'CDE-PR1-0001',
    title: 'Comparing two designs with real users',
    stem: 'The marketing team of an online shop wants to compare two checkout page designs by conversion rate over two weeks. Each customer must see the same design on every visit, and the team must be able to end the experiment instantly.',
    question: 'Which approach meets these requirements?',
    options: [
      'Deploy the new design as a canary on half of the servers, and compare the error rates of the two groups of servers.',
      'Deploy the new design with blue/green, and switch all traffic between the two designs every day for two weeks.',
      'Run an A/B experiment with a feature flag that assigns each customer to one design consistently, and compare conversions per variant.',
      'Release the new design to every customer for one week, and compare its conversion rate with the conversion rate of the week before.',
    ],
    key: 'C',
    rationale: 'An A/B experiment with sticky assignment measures a business outcome for two groups at the same time, and the flag ends it instantly. A canary compares technical health and, by server, cannot keep a customer on one design. Daily switching mixes both designs for the same customers. Comparing consecutive weeks confuses the design with seasonal effects.',
  },
  {
    identifier: 'CDE-PR1-0002',
    title: 'Ordering pipeline stages',
    stem: 'A team is designing a new delivery pipeline. It wants developers to learn about the most common problems as early and cheaply as possible, and it wants production to receive only an artifact that has passed every check.',
    question: 'Which stage order should the team use?',
    options: [
      'Lint and unit tests → build and publish the artifact → integration tests → acceptance tests in staging → deploy the same artifact to production.',
      'Build and publish the artifact → deploy to production → run acceptance tests in production → lint and unit tests.',
      'Deploy to staging → lint and unit tests → integration tests → rebuild the artifact with production settings → deploy the rebuilt artifact to production.',
      'Integration tests → lint and unit tests → build and publish the artifact → deploy to production → acceptance tests in staging.',
    ],
    key: 'A',
    rationale: 'Fast, cheap checks run first, the artifact is built once, and each later stage tests that same artifact before it reaches production. Testing after the production deployment exposes users to defects. Rebuilding for production means the deployed artifact was never tested. Running the slow integration tests first delays feedback on simple errors, and acceptance tests after production come too late.',
  },
  {
    identifier: 'CDE-PR1-0003',
    title: 'Painful merges from long-lived branches',
    stem: 'Developers on a team work on feature branches for four to six weeks. Merging them back into the main branch takes days of conflict resolution, and integration bugs are found late.',
    question: 'Which practice will MOST reduce these problems?',
    options: [
      'Assign one experienced engineer to perform all merges at the end of each month and resolve the conflicts.',
      'Keep branches open until each feature is complete and fully tested, so that the main branch only ever receives finished work.',
      'Freeze the main branch for a week before each merge, so that branches merge into a stable target.',
      'Use short-lived branches merged into main at least daily, run CI on every merge, and hide unfinished work behind feature flags.',
    ],
    key: 'D',
    rationale: 'Trunk-based development keeps each change small and integrates it continuously, so conflicts and integration bugs appear while they are cheap to fix. A dedicated merger still faces the same large conflicts. Longer branches make the problem worse. A freeze delays everyone without reducing the size of the merge.',
  },
  {
    identifier: 'CDE-PR1-0004',
    title: 'Fastest rollback with immutable artifacts',
    stem: 'A team builds a versioned container image for every release and keeps the images in a registry. A release deployed an hour ago is causing errors, and the team wants to restore the previous behaviour as quickly and safely as possible.',
    question: 'What should the team do?',
    options: [
      'Check out the previous commit, rebuild the image from it, and deploy the rebuilt image.',
      'Redeploy the previous, already tested image version from the registry.',
      'Connect to the running containers and revert the changed files.',
      'Write a fix, and deploy it once it passes the full pipeline.',
    ],
    key: 'B',
    rationale: 'The previous image is immutable and has already been tested and run in production, so redeploying it is the fastest, most predictable rollback. A rebuild takes longer and may not reproduce the old image exactly. Editing running containers is untracked and lost on restart. A fix forward may be right later, but it takes longer than a rollback while users see errors.',
  },
  {
    identifier: 'CDE-PR1-0005',
    title: 'Prerequisites for continuous deployment',
    stem: 'A company wants every change that passes its pipeline to be deployed to production automatically, without a person approving each release.',
    question: 'Which prerequisites should be in place? (Choose two.)',
    options: [
      'A weekly change advisory board meeting that reviews and approves the releases.',
      'A comprehensive automated test suite that gates every stage of the pipeline.',
      'Manual QA sign-off on a regression checklist before each production deployment.',
      'Production monitoring with automated rollback when key health metrics degrade after a deployment.',
      'Quarterly release branches for each major feature.',
    ],
    key: ['B', 'D'],
    rationale: 'Without human approval, automated tests must decide what is releasable, and automated monitoring and rollback must contain any defect that gets through. A weekly board and manual QA sign-off are human approvals, which continuous deployment removes. Quarterly release branches batch changes instead of releasing each one.',
  },
]);

const d2 = buildItems('D2', true, [
  {
    identifier: 'CDE-PR1-0006',
    title: 'Idempotent infrastructure changes',
    stem: 'A team creates its infrastructure with a shell script that calls the cloud command-line tool. When the script fails halfway through, running it again creates duplicate resources.',
    question: 'Which approach solves this problem?',
    options: [
      'Add a step at the start of the script that deletes all existing resources, so that each run starts from a clean account.',
      'Describe the infrastructure declaratively with an IaC tool that compares desired and actual state and applies only the differences.',
      'Split the script into many smaller scripts, and run them by hand one after another, checking the output of each one before running the next.',
      'Add error handling that stops the script at the first failure, and log which commands have already run.',
    ],
    key: 'B',
    rationale: 'A declarative tool is idempotent: it works out what already exists and applies only what is missing, so a rerun after a failure is safe. Deleting everything first causes outages and data loss. Smaller manual scripts add human error without adding idempotency. Stopping at the first failure leaves a half-built environment, and a rerun still duplicates what was created.',
  },
  {
    identifier: 'CDE-PR1-0007',
    title: 'Making a stack portable across regions',
    stem: 'A company wants to deploy its IaC stack in a second region for disaster recovery. The configuration contains hard-coded values specific to the primary region, such as machine image IDs and availability zone names.',
    question: 'What should the DevOps engineer do?',
    options: [
      'Copy the configuration into a new directory for the second region, and edit the image IDs, zone names and other region-specific values by hand.',
      'Deploy the second region from the primary region’s configuration unchanged, since image IDs are global.',
      'Keep only the primary region, and copy nightly backups to the second region to restore from if needed.',
      'Replace the hard-coded values with variables and data-source lookups, such as the region’s approved image, and deploy the same code to both regions.',
    ],
    key: 'D',
    rationale: 'Variables and lookups let one codebase resolve the correct values in any region, so both regions stay identical apart from their inputs. A hand-edited copy drifts from the original. Image IDs and zone names are region-specific, so the unchanged configuration fails. Relying on backups alone does not meet the disaster recovery goal.',
  },
  {
    identifier: 'CDE-PR1-0008',
    title: 'Secrets in pipeline output',
    stem: 'A pipeline passes an API token to an IaC configuration as an input variable. The token now appears in the plan output shown in the pipeline logs, which many people can read.',
    question: 'What should the DevOps engineer do?',
    options: [
      'Mark the variable as sensitive so that it is redacted, read the token from a secrets manager at apply time, and rotate the token.',
      'Delete the pipeline logs once a week, and restrict read access to the logs to the members of the team that owns the pipeline.',
      'Encode the token in Base64 before passing it, so that it is not readable in the plan output.',
      'Move the pipeline to a private project, so that only the security team can view its runs.',
    ],
    key: 'A',
    rationale: 'Marking the value sensitive keeps it out of plan output, reading it from a secrets manager keeps it out of the pipeline’s inputs, and rotation deals with the exposure that has already happened. Weekly deletion leaves the token visible for days and does nothing about the exposed value. Base64 is an encoding that anyone can reverse. Hiding the pipeline from everyone but the security team stops other teams from delivering and still leaves the token in the logs.',
  },
  {
    identifier: 'CDE-PR1-0009',
    title: 'Practices of immutable infrastructure',
    stem: 'A team wants to stop patching and reconfiguring its servers in place and move to immutable infrastructure.',
    question: 'Which practices are part of this approach? (Choose two.)',
    options: [
      'Replace servers with new ones built from a versioned, tested image for every change.',
      'Connect to running servers to apply urgent hotfixes.',
      'Keep no unique state on the servers; store data, sessions and logs in external services.',
      'Run configuration management every hour to correct drift on running servers.',
      'Give each long-lived server a unique name and configuration.',
    ],
    key: ['A', 'C'],
    rationale: 'Immutable infrastructure replaces servers instead of changing them, which requires servers that hold no state of their own. Hotfixes on running servers are in-place changes. Hourly drift correction is a mutable-infrastructure technique. Uniquely named, long-lived servers are the opposite of replaceable ones.',
  },
]);

const d3 = buildItems('D3', true, [
  {
    identifier: 'CDE-PR1-0010',
    title: 'Removing a single zone as a point of failure',
    stem: 'A web application runs on two virtual machines in a single availability zone behind a load balancer. The business wants the application to keep running if that zone fails.',
    question: 'What should the DevOps engineer do?',
    options: [
      'Replace the two virtual machines with one larger machine that has enough capacity for peak traffic and automatic restart.',
      'Add a third virtual machine in the same zone, so that two remain if one fails.',
      'Run the instances in an autoscaling group across at least two zones behind the load balancer, with health checks.',
      'Take snapshots of both virtual machines every hour, and copy them to another availability zone.',
    ],
    key: 'C',
    rationale: 'Spreading instances across zones behind the load balancer removes the single zone as a point of failure, and health checks replace failed capacity automatically. One larger machine is an even bigger single point of failure. A third machine in the same zone fails with the zone. Snapshots help rebuild later but do not keep the application running.',
  },
  {
    identifier: 'CDE-PR1-0011',
    title: 'Meeting a one-hour RPO',
    stem: 'A database is backed up once a night. A new business requirement sets a recovery point objective (RPO) of one hour.',
    question: 'Which change meets the requirement?',
    options: [
      'Enable continuous backups with point-in-time recovery, or back up at least every hour.',
      'Keep the nightly backups, but retain each one for a year instead of a month.',
      'Move the nightly backup to the busiest hour of the day, when the most recent data exists.',
      'Add a read replica in the same availability zone to hold a second copy of the data.',
    ],
    key: 'A',
    rationale: 'The RPO is the maximum acceptable data loss, so recovery points must be no more than an hour apart; continuous backups with point-in-time recovery exceed that. Longer retention does not shorten the gap between backups. Moving the window still leaves 24 hours between backups. A replica in the same zone copies deletions and corruption immediately and does not provide recovery points.',
  },
  {
    identifier: 'CDE-PR1-0012',
    title: 'Offloading read-heavy reporting',
    stem: 'Analysts run long reporting queries against the primary database of an order system during business hours. Order processing slows down while the reports run. The reports can tolerate data that is a few seconds old.',
    question: 'Which solution meets these requirements with the LEAST effort?',
    options: [
      'Run the reports on the primary database at night only.',
      'Double the size of the primary database instance.',
      'Export the database to spreadsheets every morning for the analysts.',
      'Create a read replica and point the reporting tools at it.',
    ],
    key: 'D',
    rationale: 'A read replica serves reporting queries with data that is seconds old and removes that load from the primary. Restricting reports to the night blocks analysts during the day. A larger primary is more expensive and still shares resources between both workloads. Daily exports are manual and up to a day old.',
  },
]);

const d4 = buildItems('D4', true, [
  {
    identifier: 'CDE-PR1-0013',
    title: 'Choosing the right telemetry',
    stem: 'A team wants to alert when requests per second for an endpoint fall sharply, and, when a single request fails, to see the exact error message and the input that caused it.',
    question: 'Which combination of telemetry fits these needs?',
    options: [
      'Logs for the request rate alert, by counting log lines, and metrics for the error message and input of each failed request.',
      'Metrics for the request rate alert, and structured logs for the details of individual failed requests.',
      'Traces only, sampled at 1% of requests.',
      'Dashboards for both needs, checked by the team every morning.',
    ],
    key: 'B',
    rationale: 'Metrics are cheap, aggregated time series that suit rate alerts, while structured logs keep the details of individual events. Counting requests from logs is costlier and slower, and metrics cannot hold per-request details. Sampled traces will miss most individual failures. A daily dashboard check is not an alert.',
  },
  {
    identifier: 'CDE-PR1-0014',
    title: 'Detecting stalled consumers',
    stem: 'A batch system processes messages from a queue. Last week its consumers stopped silently for six hours. The alert on queue depth did not fire because the queue grew slowly and stayed below the threshold.',
    question: 'Which alert would have detected the problem sooner?',
    options: [
      'An alert when the consumers’ CPU utilization stays above 90% for more than ten minutes.',
      'A lower queue depth threshold, so that the alert fires when only a few hundred messages are waiting.',
      'An alert when the age of the oldest message in the queue exceeds the processing-time objective.',
      'An alert when the number of producers changes.',
    ],
    key: 'C',
    rationale: 'The age of the oldest message rises steadily whenever consumers stop, whatever the arrival rate, and it maps directly to the processing-time objective. Stopped consumers use little CPU, so a high CPU alert would never fire. A lower depth threshold fires during normal busy periods and still depends on the arrival rate. Producer counts say nothing about consumption.',
  },
  {
    identifier: 'CDE-PR1-0015',
    title: 'What a postmortem should contain',
    stem: 'A team is writing a postmortem for a four-hour outage and wants it to help prevent similar incidents.',
    question: 'Which content should the postmortem include? (Choose two.)',
    options: [
      'The name of the engineer whose change caused the outage, so that accountability is clear.',
      'The disciplinary actions taken against those involved.',
      'A timeline of detection, response and recovery, including what helped and what slowed the team down.',
      'The complete raw logs from every affected service during the incident window.',
      'The contributing factors, and action items with owners and due dates.',
    ],
    key: ['C', 'E'],
    rationale: 'A timeline shows how detection and response can improve, and contributing factors with owned action items make sure fixes happen. Naming a culprit and recording discipline make postmortems blame-focused and discourage candour. Raw logs belong in the evidence, not in the document that people read.',
  },
  {
    identifier: 'CDE-PR1-0016',
    title: 'Choosing an SLO target',
    stem: 'A new team proposes an availability SLO of 100% for its internal reporting service, because any downtime is undesirable.',
    question: 'What is the BEST response?',
    options: [
      'Set a target below 100% that reflects what users need, such as 99.5%, leaving an error budget for releases and failures.',
      'Accept the 100% target, because a higher target always pushes the team towards a more reliable service.',
      'Set no SLO until the service has run for a year, so that the target can be based on real data.',
      'Set the SLO to exactly the availability the service achieved last month, so that the team already knows the target can be achieved.',
    ],
    key: 'A',
    rationale: 'No real system is perfectly available, and a target based on user needs leaves an error budget for change and for failures that do not matter to users. A 100% target is broken by any failure and leaves no room for releases. Waiting a year leaves the team without a reliability goal. Last month’s figure reflects luck, not user needs.',
  },
]);

const d5 = buildItems('D5', true, [
  {
    identifier: 'CDE-PR1-0017',
    title: 'Securing console access',
    stem: 'A company has 20 cloud users who sign in to the console with passwords only. Some of these users belong to people who have left the company.',
    question: 'Which solution improves security with the LEAST ongoing effort?',
    options: [
      'Require the users to change their passwords every 30 days and to use at least 16 characters.',
      'Review the list of cloud users manually once a year, and delete the users that belong to people who have left the company.',
      'Restrict console sign-in to the office network’s IP addresses through a policy condition.',
      'Federate console access through the corporate identity provider with single sign-on and MFA, and delete the cloud users.',
    ],
    key: 'D',
    rationale: 'Federation ties cloud access to the corporate identity, so leavers lose access when their account is disabled, and MFA protects every sign-in. Frequent password changes do not remove leavers or add a second factor. An annual review leaves leavers with access for months. Network restrictions break remote work and leave stale accounts active.',
  },
  {
    identifier: 'CDE-PR1-0018',
    title: 'Writing a least-privilege policy',
    stem: 'An application must read objects under the prefix <code>exports/</code> in the bucket <code>reports-bucket</code>. Its current policy allows <code>storage:*</code> on <code>*</code>.',
    question: 'Which policy follows the principle of least privilege?',
    options: [
      'Allow <code>storage:*</code> on <code>reports-bucket/*</code>.',
      'Allow <code>storage:GetObject</code> on <code>reports-bucket/exports/*</code>.',
      'Allow <code>storage:GetObject</code> on <code>*</code>.',
      'Allow <code>storage:*</code> on <code>*</code>, and deny <code>storage:DeleteBucket</code>.',
    ],
    key: 'B',
    rationale: 'Read-only access limited to the one prefix grants exactly what the application needs. All actions on the bucket would let it write and delete. Read access on every resource exposes other buckets. A broad allow with one deny still grants almost everything.',
  },
  {
    identifier: 'CDE-PR1-0019',
    title: 'Right-sizing underused instances',
    stem: 'A cost review shows that 60 production instances have averaged 8% CPU and 20% memory utilization for three months, with peaks below 30%.',
    question: 'What should the DevOps engineer do to reduce cost without affecting performance?',
    options: [
      'Stop half of the instances immediately, since average utilization shows they are not needed.',
      'Buy three-year commitments for the current instance sizes, which lowers their hourly price by up to half without any other change.',
      'Use utilization data and right-sizing recommendations to move to smaller instance types, test at peak load, and keep autoscaling.',
      'Move the instances to a cheaper region, keeping the same instance types and counts.',
    ],
    key: 'C',
    rationale: 'Right-sizing based on measured utilization, verified under peak load, removes paid-for idle capacity while autoscaling covers future growth. Stopping instances without analysis risks capacity and availability. Committing to oversized instances locks in the waste. Moving regions is disruptive, may break latency or data residency needs, and leaves the instances oversized.',
  },
  {
    identifier: 'CDE-PR1-0020',
    title: 'Protecting data in a managed database',
    stem: 'A team is deploying a managed relational database that will store customer data. The security team requires protection for the data at rest and in transit.',
    question: 'Which actions should the team take? (Choose two.)',
    options: [
      'Run the database on a non-standard port so that automated scanners do not find it.',
      'Enable storage encryption for the database, its backups and snapshots with a managed key.',
      'Turn off automated backups so that fewer copies of the customer data exist.',
      'Give the database an obscure name.',
      'Require TLS for all client connections to the database.',
    ],
    key: ['B', 'E'],
    rationale: 'Storage encryption protects data at rest, including backups and snapshots, and mandatory TLS protects data in transit. A non-standard port and an obscure name are obscurity, not protection. Turning off backups harms recoverability without protecting the data that remains.',
  },
]);

export const items: ItemDraft[] = [...d1, ...d2, ...d3, ...d4, ...d5];
