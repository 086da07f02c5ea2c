package org.fraudlake.simulator.life;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fraudlake.simulator.city.World;
import org.fraudlake.simulator.day.Bid;
import org.fraudlake.simulator.day.DayContext;
import org.fraudlake.simulator.model.Company;
import org.fraudlake.simulator.model.Enums.CompanyKind;
import org.fraudlake.simulator.model.Person;
import org.fraudlake.simulator.util.Rand;
import org.fraudlake.simulator.util.Times;

/**
 * The public resource trading centre: on working days tenders close and their bids are published, one
 * row per bid. Honest bidders file from their own offices; some go through a bidding agency, whose one
 * agent files for unrelated firms from the agency's one address (a look-alike of a ring), but their
 * prices scatter and the lowest bid wins.
 */
public final class TenderMarket {
    private static final String[] BUYERS = {"成都市第三人民医院", "锦江区教育局", "青羊区城市管理局", "成都市公安局",
        "四川大学华西医院", "金牛区住房和城乡建设局", "武侯区人民政府", "成都市第七中学", "成华区卫生健康局",
        "高新区公园城市建设局", "成都市交通运输局", "成都市水务局", "双流区人民医院", "四川省人民医院"};
    private final World world;
    private final List<Company> bidders = new ArrayList<>();
    private Company agency;
    private int seq;

    public TenderMarket(World world) {
        this.world = world;
    }

    /** Collects the firms that bid; call once the city and its schemes exist. */
    public void open() {
        for (Company c : world.companies()) {
            if (c.kind() == CompanyKind.CONSTRUCTION || c.kind() == CompanyKind.SERVICES) {
                bidders.add(c);
            } else if (c.kind() == CompanyKind.AGENCY && agency == null) {
                agency = c;
            }
        }
    }

    /** A new tender id: the centre's own numbering. */
    public String nextTenderId(LocalDate date) {
        return "CDGGZY-" + date.getYear() + "-" + String.format("%05d", ++seq);
    }

    public String buyer(Rand r) {
        return r.pick(BUYERS);
    }

    /** Honest bidders other than the given ones. */
    public List<Company> bidders() {
        return bidders;
    }

    public void simulate(DayContext ctx) {
        if (!ctx.workday() || bidders.size() < 3) {
            return;
        }
        Rand r = ctx.rand("tenders");
        int n = r.poisson(Math.max(0.6, world.residents().size() / 15_000.0));
        for (int i = 0; i < n; i++) {
            tender(ctx, r);
        }
    }

    private void tender(DayContext ctx, Rand r) {
        String id = nextTenderId(ctx.date());
        String buyer = buyer(r);
        long estimate = Math.round(r.logNormal(2_000_000, 1.0) / 100) * 100 * 100;
        long published = Times.at(ctx.date().minusDays(r.between(15, 25)), r.between(9, 11), r.nextInt(60),
                r.nextInt(60));
        int count = Math.min(bidders.size(), r.between(3, 7));
        List<Company> chosen = new ArrayList<>();
        while (chosen.size() < count) {
            Company c = r.pick(bidders);
            if (!chosen.contains(c)) {
                chosen.add(c);
            }
        }
        boolean viaAgency = agency != null && agency.employees().length > 0 && r.chance(0.15);
        long[] amounts = new long[count];
        int lowest = 0;
        for (int k = 0; k < count; k++) {
            amounts[k] = Math.round(estimate * r.logNormal(1.0, 0.07) / 10_000) * 10_000;
            if (amounts[k] < amounts[lowest]) {
                lowest = k;
            }
        }
        int winner = lowest;
        if (r.chance(0.2)) {
            int second = lowest == 0 ? 1 : 0;
            for (int k = 0; k < count; k++) {
                if (k != lowest && amounts[k] < amounts[second]) {
                    second = k;
                }
            }
            winner = second;
        }
        for (int k = 0; k < count; k++) {
            Company c = chosen.get(k);
            boolean agent = viaAgency && k < 2;
            String agentId = agent ? world.person(agency.employees()[0]).idNumber() : staff(c, r);
            long submitted = Times.at(ctx.date().minusDays(r.between(1, 5)), r.between(8, 17), r.nextInt(60),
                    r.nextInt(60)) + r.nextInt(1000);
            ctx.bid(new Bid(id, buyer, published, c.uscc(), amounts[k], submitted, agent ? agency.officeIp()
                    : c.officeIp(), agent ? agency.phone() : c.phone(), agentId, k == winner));
        }
    }

    /** Who files a firm's bid: one of its staff, or its legal representative. */
    private String staff(Company c, Rand r) {
        if (c.employees().length == 0) {
            return c.legalRepId();
        }
        Person p = world.person(c.employees()[r.nextInt(Math.min(3, c.employees().length))]);
        return p.idNumber();
    }
}
