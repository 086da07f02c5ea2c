package org.fraudlake.simulator.crime;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fraudlake.simulator.city.World;
import org.fraudlake.simulator.day.Bid;
import org.fraudlake.simulator.day.DayContext;
import org.fraudlake.simulator.day.Transfer;
import org.fraudlake.simulator.life.TenderMarket;
import org.fraudlake.simulator.model.Account;
import org.fraudlake.simulator.model.Company;
import org.fraudlake.simulator.model.Enums.Channel;
import org.fraudlake.simulator.model.Enums.CompanyKind;
import org.fraudlake.simulator.model.Enums.Occupation;
import org.fraudlake.simulator.model.Parties;
import org.fraudlake.simulator.model.Person;
import org.fraudlake.simulator.truth.Roles;
import org.fraudlake.simulator.truth.TruthLog;
import org.fraudlake.simulator.util.Rand;
import org.fraudlake.simulator.util.Times;

/**
 * A bid-rigging ring: a few construction firms that bid together on the same tenders from one address,
 * partly through one agent and one contact number, take turns winning with prices just above the estimate
 * while the others cover a little higher, and the winner pays the losers "service fees" afterwards.
 */
public final class BidRigging extends Scheme {
    private final TenderMarket market;
    private final List<Company> ring = new ArrayList<>();
    private final Person agent;
    private final String ringIp;
    private final String sharedPhone;
    private LocalDate nextTender;
    private int turn;

    public BidRigging(World world, TruthLog truth, String id, TenderMarket market) {
        super(world, truth, id);
        this.market = market;
        Rand s = setup();
        LocalDate start = world.start();
        this.agent = recruitOrStraw(s, 28, 55, p -> p.occupation() == Occupation.WORKER && p.hasPhone());
        entity(Roles.BID_AGENT, agent);
        this.sharedPhone = world.mainPhone(agent).number();
        this.ringIp = world.geography().broadbandIp(s);
        int size = s.between(3, 5);
        for (int i = 0; i < size; i++) {
            Person rep = recruitOrStraw(s, 35, 60, p -> true);
            LocalDate reg = start.minusDays(s.between(700, 5_000));
            long capital = s.between(500, 5_000) * 10_000L * 100;
            int district = s.nextInt(world.geography().districts());
            Company c = world.addCompany(CompanyKind.CONSTRUCTION, rep.idNumber(), capital, reg, district,
                    i == 1 ? sharedPhone : null, true, s);
            c.officeIp(world.geography().broadbandIp(s));
            Account a = world.openCompanyAccount(c, s.nextInt(Parties.PARTNERS), reg.plusDays(10),
                    Times.at(reg.plusDays(10), 10, 0, 0), s);
            a.balance(s.between(100, 800) * 10_000L * 100);
            ring.add(c);
            entity(Roles.BIDDER, c);
            entity(Roles.BIDDER_ACCOUNT, a);
            entity(Roles.LEGAL_REP, rep);
        }
        agent.employer(ring.get(0).id());
        ring.get(0).addEmployee(agent.id());
        this.nextTender = start.plusDays(s.between(0, 2));
    }

    @Override
    public String type() {
        return "BID_RIGGING";
    }

    @Override
    protected String description() {
        return "firms co-bidding from one address, agent and phone, rotating winners, side payments";
    }

    @Override
    public void simulate(DayContext ctx) {
        if (!ctx.workday() || ctx.date().isBefore(nextTender)) {
            return;
        }
        Rand r = rand(ctx);
        nextTender = ctx.date().plusDays(r.between(2, 5));
        active(ctx.date());
        String tender = market.nextTenderId(ctx.date());
        entity(Roles.RIGGED_TENDER, TruthLog.TENDER, tender);
        String buyer = market.buyer(r);
        long estimate = floor(Math.round(r.logNormal(5_000_000, 0.8)) * 100, 1_000_000);
        long published = Times.at(ctx.date().minusDays(r.between(15, 25)), r.between(9, 11), r.nextInt(60), 0);
        Company winner = ring.get(turn++ % ring.size());
        long winning = floor(Math.round(estimate * r.uniform(0.97, 1.01)), 1_000_000);
        long submitted = Times.at(ctx.date().minusDays(r.between(1, 3)), r.between(9, 16), r.nextInt(60),
                r.nextInt(60));
        List<Bid> bids = new ArrayList<>();
        for (int i = 0; i < ring.size(); i++) {
            Company c = ring.get(i);
            long amount = c == winner ? winning : floor(Math.round(winning * r.uniform(1.01, 1.05)), 10_000);
            boolean viaAgent = i < 3;
            String phone = i < 2 ? sharedPhone : c.phone();
            String agentId = viaAgent ? agent.idNumber() : c.legalRepId();
            String ip = r.chance(0.85) ? ringIp : c.officeIp();
            submitted += r.between(2, 15) * Times.MINUTE_MS + r.nextInt(1000);
            bids.add(new Bid(tender, buyer, published, c.uscc(), amount, submitted, ip, phone, agentId, false));
        }
        List<Company> honest = market.bidders().stream().filter(c -> !ring.contains(c)).toList();
        int outsiders = honest.isEmpty() ? 0 : r.between(0, 2);
        for (int k = 0; k < outsiders; k++) {
            Company c = honest.get(r.nextInt(honest.size()));
            long amount = floor(Math.round(estimate * r.logNormal(1.04, 0.05)), 10_000);
            long at = Times.at(ctx.date().minusDays(r.between(1, 5)), r.between(8, 17), r.nextInt(60), r.nextInt(60));
            bids.add(new Bid(tender, buyer, published, c.uscc(), amount, at, c.officeIp(), c.phone(), c.legalRepId(),
                    false));
        }
        int best = 0;
        for (int i = 1; i < bids.size(); i++) {
            if (bids.get(i).amount() < bids.get(best).amount()) {
                best = i;
            }
        }
        for (int i = 0; i < bids.size(); i++) {
            Bid b = bids.get(i);
            ctx.bid(new Bid(b.tenderId(), b.buyer(), b.publishedAt(), b.bidder(), b.amount(), b.submittedAt(), b.ip(),
                    b.phone(), b.agentId(), i == best));
        }
        if (best < ring.size()) {
            Company won = ring.get(best);
            long contract = bids.get(best).amount();
            LocalDate payOn = ctx.date().plusDays(r.between(3, 8));
            ctx.agenda().act(payOn, c -> sidePayments(c, won, contract));
        }
    }

    private void sidePayments(DayContext ctx, Company winner, long contract) {
        Rand r = rand(ctx, winner.id());
        Account from = world.mainAccount(winner);
        for (Company c : ring) {
            if (c == winner) {
                continue;
            }
            long fee = floor(Math.round(contract * r.uniform(0.01, 0.02)), 100_000);
            ctx.transfer(Transfer.of(ctx.at(r.between(10, 16), r.nextInt(60), r.nextInt(60)), from,
                    world.mainAccount(c), fee, Channel.ONLINE).ip(winner.officeIp()).capped()
                    .remark(r.pick(new String[] {"技术服务费", "咨询费", "劳务费"})).tag(id(), "SIDE_PAYMENT"));
        }
        active(ctx.date());
    }
}
