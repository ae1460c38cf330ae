// Friendly aliases for the generated OpenAPI types (src/api/schema.d.ts).
import type { components, paths } from './schema';

export type { paths, components };
type S = components['schemas'];

export type Role = S['Role'];
export type AdminUser = S['AdminUser'];
export type LoginResult = S['LoginResult'];
export type SetupStatus = S['SetupStatus'];
export type Session = S['Session'];
export type AuditLogEntry = S['AuditLogEntry'];
export type Organization = S['Organization'];
export type OrganizationTeams = S['OrganizationTeams'];
export type OrganizationUsage = S['OrganizationUsage'];
export type Team = S['Team'];
export type TeamCreated = S['TeamCreated'];
export type RotatedKey = S['RotatedKey'];
export type ModelGroup = S['ModelGroup'];
export type ModelEntry = S['ModelEntry'];
export type CreditBalance = S['CreditBalance'];
export type CreditTransaction = S['CreditTransaction'];
export type CreditTransactionList = S['CreditTransactionList'];
export type CreditsAdded = S['CreditsAdded'];
