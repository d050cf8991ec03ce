/**
 * CDE-P01 unscored (pretest) items CDE-P01-0092 … 0103: delivered to gather statistics, not counted in the score.
 * Domains D1 ×3, D2 ×3, D3 ×2, D4 ×2, D5 ×2.
 */
import { buildItems } from '../shared.ts';

export const pretestItems = [
  ...buildItems('D1', false, [
    {
      identifier: 'CDE-P01-0092',
      title: 'Untrusted pull requests and CI secrets',
      stem: 'An open-source project’s CI runs on every pull request, including pull requests from forks. A contributor submitted a pull request that changed the build script to print environment variables, and a package-publishing token appeared in the public build log.',
      question: 'Which change prevents this while still testing outside contributions?',
      options: [
        'Store the token under a less obvious secret name, and grant it to the workflow only for the publishing step.',
        'Rely on the CI service’s log masking, which replaces secret values with asterisks in build output.',
        'Stop running CI for pull requests from forks, and have maintainers test each contribution manually on their own machines before merging it.',
        'Run fork builds without secrets or write permissions, and run jobs that need secrets, such as publishing, only after review and merge.',
      ],
      key: 'D',
      rationale: 'Untrusted code must never run with secrets; separating unprivileged pull-request builds from privileged post-merge jobs keeps contributions tested without exposing credentials. Renaming the secret or scoping it to one step does not help when the pull request can change the build itself. Masking is easily bypassed, for example by encoding the value or sending it over the network. Stopping CI for forks gives up automated testing of contributions.',
    },
    {
      identifier: 'CDE-P01-0093',
      title: 'Catching performance regressions',
      stem: 'This year a team shipped three releases that doubled API latency, and each time customers were the first to notice. All functional tests passed for those releases.',
      question: 'What should the team add to its pipeline?',
      options: [
        'Add a stage that runs a standard load profile in a production-like environment and fails when p95 latency regresses beyond an agreed tolerance.',
        'Have a separate performance team run a full load test against production once a quarter and report any regressions to the development team.',
        'Increase production capacity by 50%, so that slower releases do not affect customers’ response times.',
        'Write more unit tests for the code paths that were slow, and require 90% code coverage on every change.',
      ],
      key: 'A',
      rationale: 'An automated performance gate compares every release with a baseline and stops regressions before they ship. A quarterly test lets several regressions through between runs. Extra capacity hides latency regressions caused by slow code only partly and at a cost. Unit tests do not measure latency under load.',
    },
    {
      identifier: 'CDE-P01-0094',
      title: 'Measuring delivery stability',
      stem: 'An engineering director already tracks deployment frequency and lead time for changes as measures of delivery throughput. The director now wants to measure the stability of software delivery as well.',
      question: 'Which metrics should be added? (Choose two.)',
      options: [
        'Change failure rate: the percentage of deployments that cause a failure in production that needs remediation.',
        'Lines of code changed per deployment, as a measure of release size.',
        'Pull requests reviewed per engineer each week, as a measure of review discipline.',
        'Average CPU utilization of the build agents during deployments.',
        'Time to restore service after a failed deployment or incident.',
      ],
      key: ['A', 'E'],
      rationale: 'Change failure rate and time to restore service measure how often delivery causes failures and how quickly the team recovers, which complement the two throughput measures. Lines changed and reviews per engineer measure activity, not outcomes. Build agent CPU describes infrastructure, not delivery stability.',
    },
  ]),
  ...buildItems('D2', false, [
    {
      identifier: 'CDE-P01-0095',
      title: 'Lower-risk cluster upgrades',
      stem: 'A team must upgrade a container cluster by two minor versions. Previous in-place upgrades were risky and hard to roll back. The cluster is defined entirely in infrastructure as code, and its workloads are deployed through GitOps.',
      question: 'Which approach lowers the risk of the upgrade?',
      options: [
        'Upgrade the control plane and every node pool in place in one maintenance window, after taking a full backup of the cluster state and workloads.',
        'Postpone the upgrade until the current version is out of support, so that it can be done in one larger step.',
        'Build a new cluster at the target version from the IaC code, deploy workloads through GitOps, shift traffic gradually, then retire the old cluster.',
        'Upgrade the node pools first and leave the control plane at its current version until the nodes are stable.',
      ],
      key: 'C',
      rationale: 'Because the cluster and its workloads are fully defined in code, a parallel cluster can be built and verified, and rollback is simply moving traffic back. A single in-place step is the risky approach the team wants to avoid. Postponing increases the gap and the risk. Nodes newer than the control plane are unsupported and do not complete the upgrade.',
    },
    {
      identifier: 'CDE-P01-0096',
      title: 'Configuring intermittently connected servers',
      stem: 'A retailer manages the configuration of 3,000 in-store servers that have intermittent network connectivity. A push-based tool that connects to each server from a central controller times out frequently and leaves many stores unconfigured.',
      question: 'Which approach is MORE reliable?',
      options: [
        'Increase the push tool’s connection timeout to ten minutes, and retry failed stores at the next scheduled run.',
        'Install pull-based agents that fetch the desired configuration whenever the server is online, apply it idempotently and report status.',
        'Ship configuration updates to the stores on removable media, and have store staff apply them.',
        'Run the push from several regional controllers twice a day instead of once, so that more of the stores are reached during each run.',
      ],
      key: 'B',
      rationale: 'Pull-based agents converge whenever connectivity returns and report back, so no central push has to reach every store at the same moment. A longer timeout does not help a server that is offline. Removable media is slow and manual. Pushing more often still misses servers that are offline during each window.',
    },
    {
      identifier: 'CDE-P01-0097',
      title: 'Automating new account setup',
      stem: 'A company creates about ten new cloud accounts a month. Each account is configured by hand with logging, networking, identity roles and budgets, which takes two days and often misses steps.',
      question: 'Which solution meets the need for fast, consistent account setup?',
      options: [
        'Write a more detailed checklist for the manual setup, and have a second engineer verify each step of every new account before it is handed over.',
        'Ask the team that requests each account to configure logging, networking, roles and budgets itself.',
        'Copy the settings of the most recently configured account by hand, using its configuration as a template.',
        'Create accounts through the organization’s API and apply a versioned baseline of logging, networking, roles and budgets from IaC automatically.',
      ],
      key: 'D',
      rationale: 'An automated account factory produces identical, compliant accounts in minutes, and the versioned baseline can be updated for all accounts later. A better checklist is still manual and error-prone. Leaving setup to requesting teams multiplies the inconsistency. Copying by hand repeats the errors of the source account.',
    },
  ]),
  ...buildItems('D3', false, [
    {
      identifier: 'CDE-P01-0098',
      title: 'Safe retries for payments',
      stem: 'A payments API sometimes times out after a charge has already been processed. Clients then retry the request, and some customers are charged twice.',
      question: 'Which solution prevents duplicate charges?',
      options: [
        'Have clients send a unique idempotency key with each payment, and return the stored result of the first request when a key is retried.',
        'Tell clients not to retry payment requests after a timeout, and show customers an error message asking them to check their statement first.',
        'Increase the API timeout to five minutes, so that clients wait for the charge to finish instead of retrying.',
        'Detect duplicate charges with a nightly batch job, and refund them automatically the next morning.',
      ],
      key: 'A',
      rationale: 'Idempotency keys make retries safe: a repeated request returns the original result instead of charging again. Forbidding retries leaves clients unsure whether a payment succeeded. A longer timeout reduces but does not remove timeouts and ties up connections. Nightly refunds still charge customers twice.',
    },
    {
      identifier: 'CDE-P01-0099',
      title: 'Staying available under overload',
      stem: 'During flash sales, an API receives more requests than it can serve. Latency rises for every user until the service eventually stops responding.',
      question: 'Which actions will keep the service available for most users? (Choose two.)',
      options: [
        'Remove request timeouts so that no request fails while the service is busy.',
        'Reject requests above a concurrency limit early, with HTTP 429 or 503 and a <code>Retry-After</code> header.',
        'Queue every incoming request in memory without a limit, and process the queue as fast as possible.',
        'Apply per-client rate limits and give critical traffic, such as checkout, priority over less important traffic.',
        'Turn off autoscaling during the sale so that the capacity stays predictable.',
      ],
      key: ['B', 'D'],
      rationale: 'Shedding excess load early keeps latency acceptable for the requests the service accepts, and rate limits with priorities make sure the most valuable traffic is served first. Without timeouts, overload turns into resource exhaustion. An unbounded queue grows until memory runs out, while clients time out anyway. Turning off autoscaling removes capacity that could have helped.',
    },
  ]),
  ...buildItems('D4', false, [
    {
      identifier: 'CDE-P01-0100',
      title: 'Vendor-neutral instrumentation',
      stem: 'A company uses two monitoring vendors and plans to replace one of them next year. Each of its 150 services uses vendor-specific agents and SDKs, so switching vendors would mean re-instrumenting every service.',
      question: 'Which approach will make future changes easier?',
      options: [
        'Keep the vendor-specific SDKs, and re-instrument services when the vendor changes, one team at a time.',
        'Write an in-house telemetry SDK for every language the company uses, with a plug-in that translates the data for each vendor.',
        'Instrument services with an open, vendor-neutral standard, and route data through a collector that exports to any backend.',
        'Write all telemetry to local log files, and let each vendor’s agent parse the files it needs.',
      ],
      key: 'C',
      rationale: 'An open instrumentation standard with a collector decouples services from backends, so changing vendors becomes a collector configuration change. Re-instrumenting 150 services is the cost the company wants to avoid. An in-house SDK with vendor plug-ins is expensive to build and maintain. Log files alone give up proper metrics and traces and still tie parsing to each vendor’s agent.',
    },
    {
      identifier: 'CDE-P01-0101',
      title: 'Communicating with customers during an outage',
      stem: 'During a multi-hour outage, customers learned about the problem from social media, and the support team received 3,000 tickets asking what was happening.',
      question: 'Which practice should the incident process include?',
      options: [
        'Wait to communicate with customers until the root cause is known, so that updates are accurate.',
        'Post to a public status page as soon as a customer-facing incident is declared and at a regular cadence, owned by the communications lead.',
        'Have support engineers answer each ticket individually with the latest details from the incident call, so that every customer gets a personal reply.',
        'Publish the final postmortem to customers after the incident instead of sending updates during it.',
      ],
      key: 'B',
      rationale: 'Early, regular status updates from a named owner tell customers what is known and when to expect more, which reduces duplicate tickets. Waiting for the root cause leaves customers uninformed for hours. Answering thousands of tickets one by one does not scale. A postmortem is important but comes far too late for affected customers.',
    },
  ]),
  ...buildItems('D5', false, [
    {
      identifier: 'CDE-P01-0102',
      title: 'Enforcing review before deployment',
      stem: 'An engineer pushed a change directly to the main branch of a production service’s repository without review, and the change was deployed automatically.',
      question: 'Which control prevents this?',
      options: [
        'Protect the main branch: require reviewed pull requests and passing checks, block force pushes, and apply the rules to administrators too.',
        'Ask engineers in writing not to push to the main branch directly, and remind them of the rule at every team meeting and in the onboarding guide.',
        'Review the main branch’s commit log every week, and revert any commit that was not reviewed.',
        'Turn off automatic deployments from the main branch, and deploy manually once a week.',
      ],
      key: 'A',
      rationale: 'Branch protection that also applies to administrators makes review and checks technically mandatory before anything reaches the deploying branch. A request to engineers is not enforced. A weekly log review detects the problem after deployment. Turning off automatic deployment slows delivery and does not ensure review.',
    },
    {
      identifier: 'CDE-P01-0103',
      title: 'Paying less for steady capacity',
      stem: 'A company’s production workload uses a steady baseline of 200 vCPUs around the clock and peaks at 350 vCPUs for a few hours a day. All of it runs on on-demand pricing, and the workload will run for several years.',
      question: 'Which purchasing strategy minimizes cost without risking capacity shortfalls?',
      options: [
        'Buy one-year commitments that cover the 350-vCPU peak, so that all usage is discounted.',
        'Keep the whole workload on on-demand pricing, so that capacity can change at any time.',
        'Move the whole workload to spot or preemptible capacity, which offers the largest discount, and let autoscaling replace reclaimed instances.',
        'Cover the 200-vCPU baseline with one- or three-year commitment discounts, and serve the daily peaks with on-demand capacity.',
      ],
      key: 'D',
      rationale: 'Commitments give the largest discount on usage that is certain, and on-demand capacity covers peaks without paying for idle commitments. Committing to the peak pays for 150 vCPUs that sit idle most of the day. Staying fully on demand forgoes the discount on the steady baseline. Interruptible capacity can be reclaimed, which risks shortfalls in production.',
    },
  ]),
];
