namespace Platform.Contracts.Infrastructure;

// Infrastructure's code lists: the one source the service parses with, the contracts document and the console
// offers (labels in the console's resources), spelt by CodeList.Of.

public enum SiteKind { GreenfieldTower, RooftopTower, ElectricityPole, DuctRoute, AerialCableRoute, UndergroundCableRoute, InBuildingSystem }

public enum PlanZone { InPlan, Conditional, OutsidePlan }

/// <summary>Planned → permit requested → approved / refused → operational → decommissioned.</summary>
public enum SiteStatus { Planned, PermitRequested, Approved, Refused, Operational, Decommissioned }

public enum WorksKind { Trenching, DuctLaying, RoadWorks, PoleLine, Other }

public enum RefusalReason { NoCapacity, Technical, Safety, Other }

public enum MediationOutcome { Upheld, Overturned }
