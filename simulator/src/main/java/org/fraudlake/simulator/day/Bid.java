package org.fraudlake.simulator.day;

/**
 * One bid as {@code tenders} carries it.
 *
 * @param tenderId    tender id
 * @param buyer       the public buyer
 * @param publishedAt epoch ms
 * @param bidder      bidder's unified social credit code
 * @param amount      cents
 * @param submittedAt epoch ms
 * @param ip          address the bid was filed from
 * @param phone       contact number
 * @param agentId     ID number of the person who filed it
 * @param won         whether it won
 */
public record Bid(String tenderId, String buyer, long publishedAt, String bidder, long amount, long submittedAt,
                  String ip, String phone, String agentId, boolean won) {
}
