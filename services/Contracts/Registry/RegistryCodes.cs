namespace Platform.Contracts.Registry;

// The Registry's code lists: the one source the Registry parses with, the contracts document and the console
// offers (its labels are in the console's resources). Stable strings (CodeList.Of), not numbers, so a consumer
// in any language can read them; new codes may be added, existing ones never change meaning.

/// <summary>Sectors an enterprise works in.</summary>
public enum Sector { Postal, Telecom, It, Electronics }

/// <summary>What kind of enterprise it is.</summary>
public enum EnterpriseKind { NetworkOperator, TelecomServiceProvider, PostalOperator, PublicInternetAgent, ItElectronicsFirm }

/// <summary>Enterprise status; <c>ceased</c> is final.</summary>
public enum EnterpriseStatus { Active, Suspended, Ceased }

public enum LicenceType { TelecomNetwork, TelecomServices, Postal, PublicInternetAgent, RadioFrequency, Other }

public enum IssuingAuthority { Ministry, Department }
