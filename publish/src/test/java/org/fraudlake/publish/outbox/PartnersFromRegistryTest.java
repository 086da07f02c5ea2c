package org.fraudlake.publish.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.schemas.SourceKind;
import org.junit.jupiter.api.Test;

/** Issue 16 item 6: one code seen as a bank and a carrier never stops the other partners' outbox. */
class PartnersFromRegistryTest {
    private static final StructType CODES = StructType.fromDDL(OutboxWriter.PARTNER_KIND + " STRING, "
            + OutboxWriter.PARTNER_CODE + " STRING");

    private static Row code(PartnerKind kind, String code) {
        return new GenericRowWithSchema(new Object[]{kind.name(), code}, CODES);
    }

    @Test
    void theRegistryDecidesACodeSeenAsBothKindsAndAnUnboundOneGetsNoFolder() {
        List<Row> codes = List.of(code(PartnerKind.BANK, "BANK_A"), code(PartnerKind.CARRIER, "BANK_A"),
                code(PartnerKind.BANK, "BANK_B"), code(PartnerKind.CARRIER, "CARRIER_X"),
                code(PartnerKind.BANK, "TWOFACE"), code(PartnerKind.CARRIER, "TWOFACE"),
                code(PartnerKind.BANK, "bad code"));

        Partners partners = OutboxWriter.toPartners(codes, Map.of("BANK_A", SourceKind.BANK));

        assertEquals(Set.of("BANK_A", "BANK_B"), partners.banks());
        assertEquals(Set.of("CARRIER_X"), partners.carriers());
    }
}
