package org.fraudlake.models.catalog;

import static org.fraudlake.models.Signal.Unit.AMOUNT;
import static org.fraudlake.models.Signal.Unit.COUNT;
import static org.fraudlake.models.Signal.Unit.PERCENT;

import java.util.List;
import org.fraudlake.models.Action;
import org.fraudlake.models.Algorithm;
import org.fraudlake.models.EntityKind;
import org.fraudlake.models.LabelSpec;
import org.fraudlake.models.ModelSpec;
import org.fraudlake.models.RiskModel;
import org.fraudlake.models.Signal;
import org.fraudlake.schemas.CaseLabel;
import org.fraudlake.schemas.tables.Gold.FeaturesAccount;

/** Accounts run by one operator: the same devices and IPs behind different holders. */
public final class SharedDeviceIp implements RiskModel {
    @Override
    public ModelSpec spec() {
        return new ModelSpec("shared_device_ip", "money mule: controlled accounts", EntityKind.ACCOUNT,
                List.of(Sources.TRANSACTIONS, Sources.ACCOUNTS, Sources.LABELS),
                LabelSpec.of(EntityKind.ACCOUNT, CaseLabel.MONEY_MULE, CaseLabel.FRAUD_ACCOUNT),
                Algorithm.SCORECARD, Action.FREEZE,
                "devices or IPs shared with other holders' accounts");
    }

    @Override
    public List<Signal> signals() {
        return List.of(
                Signal.ramp(FeaturesAccount.DEVICE_OTHER_HOLDERS_30D, 0, 3, 3.0, COUNT, "its devices were used by {} other holders"),
                Signal.ramp(FeaturesAccount.IP_OTHER_HOLDERS_30D, 0, 5, 2.0, COUNT, "its IPs were used by {} other holders"),
                Signal.ramp(FeaturesAccount.DEVICES_30D, 1, 5, 1.0, COUNT, "used from {} devices in 30 days"),
                Signal.ramp(FeaturesAccount.IN_FROM_LABELED_SHARE_30D, 0, 0.3, 1.5, PERCENT, "{} of inflow came from accounts labelled fraudulent"));
    }
}
