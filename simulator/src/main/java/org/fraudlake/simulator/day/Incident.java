package org.fraudlake.simulator.day;

/**
 * A police report as {@code incidents} carries it. {@code scheme} and {@code truthRole} never reach the
 * feed: they let the truth say which scheme a report belongs to.
 *
 * @param id              incident id, assigned when the report is received
 * @param reportedAt      epoch ms
 * @param category        contract category
 * @param fraudType       contract fraud type or {@code null}
 * @param occurredAt      epoch ms or {@code null}
 * @param district        district name
 * @param community       community name or {@code null}
 * @param lat             latitude or {@code null}
 * @param lon             longitude or {@code null}
 * @param victimId        ID number or {@code null}
 * @param victimPhone     number or {@code null}
 * @param loss            cents or {@code null}
 * @param victimAccounts  {@code BANK:account_no;...} or {@code null}
 * @param suspectAccounts {@code BANK:account_no;...} or {@code null}
 * @param suspectPhones   numbers separated by {@code ;} or {@code null}
 * @param modusOperandi   codes separated by {@code ;} or {@code null}
 * @param description     free text
 * @param scheme          the scheme behind it, or {@code null}
 * @param truthRole       the role the truth gives the report, or {@code null}
 */
public record Incident(String id, long reportedAt, String category, String fraudType, Long occurredAt,
                       String district, String community, Double lat, Double lon, String victimId,
                       String victimPhone, Long loss, String victimAccounts, String suspectAccounts,
                       String suspectPhones, String modusOperandi, String description, String scheme,
                       String truthRole) {

    public Incident withId(String value) {
        return new Incident(value, reportedAt, category, fraudType, occurredAt, district, community, lat, lon, victimId,
                victimPhone, loss, victimAccounts, suspectAccounts, suspectPhones, modusOperandi, description, scheme,
                truthRole);
    }
}
