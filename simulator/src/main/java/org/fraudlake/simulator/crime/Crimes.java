package org.fraudlake.simulator.crime;

import java.util.ArrayList;
import java.util.List;
import org.fraudlake.simulator.SimulationConfig.SchemeMix;
import org.fraudlake.simulator.city.World;
import org.fraudlake.simulator.life.TenderMarket;
import org.fraudlake.simulator.truth.TruthLog;
import org.fraudlake.simulator.util.Rand;

/**
 * Plans the city's crime: how many schemes of each kind a city of this size has (one per so many persons, as the
 * profile's {@link SchemeMix} says, at least one of each), set up in a fixed order so the same seed always gives
 * the same offenders.
 */
public final class Crimes {
    private Crimes() {
    }

    public static List<Scheme> plan(World world, TruthLog truth, int days, TenderMarket market) {
        int persons = world.residents().size();
        SchemeMix mix = world.profile().schemes();
        Rand r = Rand.of(world.seed(), "crimes");
        List<Scheme> schemes = new ArrayList<>();
        int centres = SchemeMix.count(persons, mix.callCentres());
        List<CallCenter> callCentres = new ArrayList<>();
        for (int i = 0; i < centres; i++) {
            double intl = i == 0 ? 0.25 : r.uniform(0.05, 0.8);
            CallCenter c = new CallCenter(world, truth, id("TF", i), 1.0 / centres, intl);
            callCentres.add(c);
            schemes.add(c);
        }
        for (int i = 0; i < SchemeMix.count(persons, mix.rentedAccounts()); i++) {
            schemes.add(new RentedAccounts(world, truth, id("RA", i), callCentres, days));
        }
        for (int i = 0; i < SchemeMix.count(persons, mix.structuring()); i++) {
            schemes.add(new Structuring(world, truth, id("ST", i)));
        }
        for (int i = 0; i < SchemeMix.count(persons, mix.roundTripping()); i++) {
            schemes.add(new RoundTripping(world, truth, id("RT", i)));
        }
        for (int i = 0; i < SchemeMix.count(persons, mix.undergroundBanking()); i++) {
            schemes.add(new UndergroundBanking(world, truth, id("UB", i)));
        }
        for (int i = 0; i < SchemeMix.count(persons, mix.fundRaising()); i++) {
            schemes.add(new FundRaising(world, truth, id("FR", i)));
        }
        for (int i = 0; i < SchemeMix.count(persons, mix.bidRigging()); i++) {
            schemes.add(new BidRigging(world, truth, id("BR", i), market));
        }
        for (int i = 0; i < SchemeMix.count(persons, mix.theftSeries()); i++) {
            schemes.add(new TheftSeries(world, truth, id("TS", i), days));
        }
        return schemes;
    }

    private static String id(String prefix, int i) {
        return prefix + "-" + String.format("%03d", i + 1);
    }
}
