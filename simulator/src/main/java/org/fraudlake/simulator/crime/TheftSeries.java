package org.fraudlake.simulator.crime;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fraudlake.simulator.city.Geography.Community;
import org.fraudlake.simulator.city.World;
import org.fraudlake.simulator.day.DayContext;
import org.fraudlake.simulator.day.Incident;
import org.fraudlake.simulator.life.Texts;
import org.fraudlake.simulator.model.Person;
import org.fraudlake.simulator.model.Phone;
import org.fraudlake.simulator.truth.Roles;
import org.fraudlake.simulator.truth.TruthLog;
import org.fraudlake.simulator.util.Rand;
import org.fraudlake.simulator.util.Times;

/**
 * A series of burglaries (or electric-bike thefts) in one community at night, every few days, with the
 * same modus operandi. Ordinary reports use the same codes elsewhere and at random, so a code alone does
 * not make a series.
 */
public final class TheftSeries extends Scheme {
    private final Community community;
    private final String category;
    private final String modusOperandi;
    private final List<LocalDate> dates = new ArrayList<>();

    public TheftSeries(World world, TruthLog truth, String id, int days) {
        super(world, truth, id);
        Rand s = setup();
        List<Community> all = world.geography().communities();
        this.community = all.get(s.nextInt(all.size()));
        boolean burglary = s.chance(0.7);
        this.category = burglary ? "BURGLARY" : "THEFT";
        this.modusOperandi = burglary
                ? s.pick(new String[] {"BALCONY_ENTRY;NIGHT;CASH_JEWELRY", "DOOR_PRY;NIGHT;ELECTRONICS;HIGH_RISE",
                    "WINDOW_SMASH;GROUND_FLOOR;NIGHT;CASH_JEWELRY"})
                : "ELECTRIC_BIKE;CUT_LOCK;NIGHT";
        LocalDate d = world.start().plusDays(s.between(0, Math.min(2, days - 1)));
        int count = s.between(4, 9);
        while (dates.size() < count && d.isBefore(world.start().plusDays(days))) {
            dates.add(d);
            d = d.plusDays(s.between(1, 4));
        }
    }

    @Override
    public String type() {
        return "THEFT_SERIES";
    }

    @Override
    protected String description() {
        return category.toLowerCase(Locale.ROOT) + " series in " + community.name() + " ("
                + modusOperandi + ")";
    }

    @Override
    public void simulate(DayContext ctx) {
        if (!dates.contains(ctx.date())) {
            return;
        }
        Rand r = rand(ctx);
        active(ctx.date());
        List<Person> near = world.residentsOf(community.district()).stream()
                .filter(p -> p.community() == community.id()).toList();
        Person victim = near.isEmpty() ? null : near.get(r.nextInt(near.size()));
        Phone phone = victim == null ? null : world.mainPhone(victim);
        long occurred = ctx.start() - 3 * Times.HOUR_MS + r.nextLong(7 * Times.HOUR_MS + 30 * Times.MINUTE_MS);
        long reported = ctx.start() + r.between(6, 10) * Times.HOUR_MS + r.nextLong(Times.HOUR_MS);
        long loss = category.equals("BURGLARY") ? Math.round(r.logNormal(8_000, 0.9)) * 100
                : r.between(1_500, 4_000) * 100L;
        String text = category.equals("BURGLARY") ? Texts.burglary(loss, modusOperandi, r)
                : Texts.theft(loss, modusOperandi, r);
        Incident filed = ctx.incident(new Incident(null, reported, category, null, occurred,
                ctx.geography().districtName(community.district()), community.name(),
                community.lat() + r.uniform(-0.002, 0.002), community.lon() + r.uniform(-0.002, 0.002),
                victim == null ? null : victim.idNumber(), phone == null ? null : phone.number(), loss, null, null,
                null, modusOperandi, text, id(), Roles.SERIES_INCIDENT));
        if (victim != null) {
            entity(Roles.BURGLARY_VICTIM, victim);
        }
        entity(Roles.SERIES_INCIDENT, TruthLog.INCIDENT, filed.id());
    }
}
