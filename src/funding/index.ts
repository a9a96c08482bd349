/**
 * The funding context's public surface: another context imports only from here. (The
 * registration, handlers and pages come with the registry; see DESIGN.md.)
 */
export { Fund, type CampaignOutcome } from './domain/fund.aggregate.js';
export { CrowdfundingCampaign } from './domain/campaign.aggregate.js';
export type { FundEvent } from './domain/fund.events.js';
export type { CampaignEvent } from './domain/campaign.events.js';
export { FundingPolicy } from './domain/policy.js';
export { LIMITS as FUNDING_LIMITS } from './domain/limits.js';
export { formatMoney, parseMoney, poundsNumber, type Money } from './domain/money.js';
export { financialYearOf, financialYearAt, type FinancialYear } from './domain/financial-year.js';
export { foldCampaign, foldFund, foldFundBalances } from './projections/funding.folds.js';
