// Kept for tests/e2e/charter-moderation.test.ts: the charter fixtures now live in ./organisations, with the one
// way to create a signed-in account (createUser, formerly insertUser here).
export { completeAnswers, criterionCodes, createUser as insertUser, insertSupplierOrganisation } from './organisations';
