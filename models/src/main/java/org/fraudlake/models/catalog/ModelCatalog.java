package org.fraudlake.models.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fraudlake.models.RiskModel;

/** Every model fraudlake trains and scores, in listing order. The one place a new model is registered. */
public final class ModelCatalog {
    private static final List<RiskModel> MODELS = List.of(
            new FraudPhone(), new HandsetFarm(),
            new VictimCallThenPay(), new VictimGrooming(), new ElderlyNewPayee(),
            new MoneyMule(), new RapidPassThrough(), new FanInCollection(), new FanOutDispersal(),
            new DormantReactivation(), new NewAccountBurst(), new RentedAccounts(), new SharedDeviceIp(),
            new CashOut(), new ScoreRunning(), new Structuring(),
            new VictimFundTrace(), new RiskPropagation(), new GangCommunity(),
            new RoundTrippingModel(), new UndergroundBankingModel(), new IllegalFundraisingModel(),
            new BidRiggingModel(), new ShellCompanyModel());

    private ModelCatalog() {
    }

    public static List<RiskModel> all() {
        return MODELS;
    }

    /** The named models, in catalog order; all of them for an empty list. Unknown names fail, listing the known. */
    public static List<RiskModel> select(List<String> names) {
        if (names == null || names.isEmpty()) {
            return MODELS;
        }
        Map<String, RiskModel> byName = new TreeMap<>();
        MODELS.forEach(m -> byName.put(m.name(), m));
        List<RiskModel> out = new ArrayList<>();
        for (String n : names) {
            RiskModel m = byName.get(n.trim());
            if (m == null) {
                throw new IllegalArgumentException("unknown model '" + n + "'; known: " + String.join(", ", byName.keySet()));
            }
            out.add(m);
        }
        return MODELS.stream().filter(out::contains).toList();
    }
}
