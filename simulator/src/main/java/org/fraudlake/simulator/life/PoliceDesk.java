package org.fraudlake.simulator.life;

import java.util.List;
import org.fraudlake.simulator.city.Geography.Community;
import org.fraudlake.simulator.city.World;
import org.fraudlake.simulator.day.DayContext;
import org.fraudlake.simulator.day.Incident;
import org.fraudlake.simulator.model.Person;
import org.fraudlake.simulator.model.Phone;
import org.fraudlake.simulator.util.Rand;
import org.fraudlake.simulator.util.Times.Profile;
import org.fraudlake.simulator.util.Times;

/**
 * The police incident system's ordinary day: thefts, burglaries, robberies, drug and economic cases and
 * disputes across the city, with the same modus operandi codes series use (so a shared code alone does
 * not make a series). Fraud victims' reports come from the schemes through the agenda.
 */
public final class PoliceDesk {
    private static final String[] CATEGORIES = {"THEFT", "OTHER", "BURGLARY", "ROBBERY", "DRUG", "ECONOMIC"};
    private static final double[] CATEGORY_WEIGHTS = {38, 30, 9, 3, 4, 6};
    private final World world;
    private final double rate;

    public PoliceDesk(World world) {
        this.world = world;
        this.rate = world.residents().size() / 3_500.0;
    }

    public void simulate(DayContext ctx) {
        Rand r = ctx.rand("police");
        int n = r.poisson(ctx.workday() ? rate : rate * 1.15);
        for (int i = 0; i < n; i++) {
            ctx.incident(report(ctx, r));
        }
    }

    private Incident report(DayContext ctx, Rand r) {
        String category = CATEGORIES[r.weighted(CATEGORY_WEIGHTS)];
        List<Community> communities = ctx.geography().communities();
        Community c = communities.get(r.nextInt(communities.size()));
        List<Person> near = world.residentsOf(c.district());
        Person victim = near.isEmpty() || r.chance(0.2) ? null : near.get(r.nextInt(near.size()));
        Phone phone = victim == null ? null : world.mainPhone(victim);
        long occurred = category.equals("BURGLARY") && r.chance(0.6)
                ? ctx.start() - 3 * Times.HOUR_MS + r.nextLong(7 * Times.HOUR_MS)
                : ctx.start() + Profile.SPENDING.sample(r) - r.nextLong(2 * Times.HOUR_MS);
        long reported = Math.max(occurred + 20 * Times.MINUTE_MS, ctx.start() + Profile.MORNING.sample(r));
        if (reported >= ctx.end()) {
            reported = ctx.end() - r.between(1, 3_000) * Times.SECOND_MS;
            occurred = Math.min(occurred, reported - 10 * Times.MINUTE_MS);
        }
        String mo = modusOperandi(category, r);
        Long loss = switch (category) {
            case "THEFT" -> Math.round(r.logNormal(2_000, 0.9)) * 100;
            case "BURGLARY" -> Math.round(r.logNormal(6_000, 1.0)) * 100;
            case "ROBBERY" -> Math.round(r.logNormal(1_500, 0.8)) * 100;
            case "ECONOMIC" -> Math.round(r.logNormal(50_000, 1.2)) * 100;
            default -> null;
        };
        String text = switch (category) {
            case "BURGLARY" -> Texts.burglary(loss, mo, r);
            case "THEFT" -> Texts.theft(loss, mo, r);
            default -> Texts.other(category, r);
        };
        return new Incident(null, reported, category, null, r.chance(0.9) ? occurred : null,
                ctx.geography().districtName(c.district()), r.chance(0.85) ? c.name() : null,
                c.lat() + r.uniform(-0.004, 0.004), c.lon() + r.uniform(-0.004, 0.004),
                victim == null ? null : victim.idNumber(), phone == null ? null : phone.number(), loss, null, null,
                null, mo, text, null, null);
    }

    /** One to three codes of a category, each at most once, in a fixed order. */
    static String modusOperandi(String category, Rand r) {
        String[] pool = switch (category) {
            case "BURGLARY" -> Texts.BURGLARY_MO;
            case "THEFT" -> Texts.THEFT_MO;
            case "ROBBERY" -> Texts.ROBBERY_MO;
            case "OTHER" -> Texts.OTHER_MO;
            default -> new String[0];
        };
        if (pool.length == 0) {
            return null;
        }
        boolean[] take = new boolean[pool.length];
        int n = r.between(1, Math.min(3, pool.length));
        for (int i = 0; i < n; i++) {
            take[r.nextInt(pool.length)] = true;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pool.length; i++) {
            if (take[i]) {
                sb.append(sb.length() > 0 ? ";" : "").append(pool[i]);
            }
        }
        return sb.toString();
    }
}
