package org.fraudlake.simulator.city;

import java.util.ArrayList;
import java.util.List;
import org.fraudlake.simulator.model.Parties;
import org.fraudlake.simulator.util.Rand;

/**
 * Where things are: districts and communities (with coordinates), mobile cells per carrier, bank
 * branches and ATMs, the city code and the other cities where cash is sometimes taken out, and the
 * address blocks of broadband and mobile IP addresses.
 */
public final class Geography {
    /** City code of the simulated city (Chengdu). */
    public static final String CITY_CODE = "510100";
    /** Other cities, seen when people travel or when cash leaves the city. */
    public static final String[] OTHER_CITIES = {"440300", "350500", "450100", "530100", "445200", "360700", "500100"};
    private static final String[] DISTRICT_NAMES = {"锦江区", "青羊区", "金牛区", "武侯区", "成华区", "高新区", "双流区"};
    private static final String[] DISTRICT_CODES =
        {"510104", "510105", "510106", "510107", "510108", "510109", "510116"};
    private static final double[][] DISTRICT_CENTRES = {{30.6570, 104.0830}, {30.6740, 104.0550}, {30.6920, 104.0530},
        {30.6420, 104.0430}, {30.6600, 104.1020}, {30.5800, 104.0620}, {30.5740, 103.9230}};
    private static final String[] BROADBAND = {"183.220", "171.88", "182.150", "125.69", "118.113", "171.217"};
    private static final String[] MOBILE_GATEWAYS = {"117.136", "112.19", "223.104", "39.144", "106.61"};
    private final List<Community> communities = new ArrayList<>();
    private final int[][] communitiesByDistrict;
    private final int cellsPerDistrict;
    private final String[][] cells;

    /** A residential community: the unit where people live and where a burglary series happens. */
    public record Community(int id, int district, String name, double lat, double lon) {
    }

    public Geography(int persons, Rand r, Names names) {
        int count = Math.max(DISTRICT_NAMES.length * 2, persons / 600);
        List<List<Integer>> byDistrict = new ArrayList<>();
        for (int d = 0; d < DISTRICT_NAMES.length; d++) {
            byDistrict.add(new ArrayList<>());
        }
        for (int i = 0; i < count; i++) {
            int d = i % DISTRICT_NAMES.length;
            double lat = DISTRICT_CENTRES[d][0] + r.uniform(-0.03, 0.03);
            double lon = DISTRICT_CENTRES[d][1] + r.uniform(-0.035, 0.035);
            communities.add(new Community(i, d, names.community(r), round(lat), round(lon)));
            byDistrict.get(d).add(i);
        }
        communitiesByDistrict = new int[DISTRICT_NAMES.length][];
        for (int d = 0; d < DISTRICT_NAMES.length; d++) {
            communitiesByDistrict[d] = byDistrict.get(d).stream().mapToInt(Integer::intValue).toArray();
        }
        cellsPerDistrict = Math.max(6, persons / 2500);
        int total = cellsPerDistrict * DISTRICT_NAMES.length;
        cells = new String[Parties.CARRIERS.size()][total];
        for (int c = 0; c < cells.length; c++) {
            for (int i = 0; i < total; i++) {
                int lac = 28000 + 100 * c + i / cellsPerDistrict * 7;
                int ci = 10_000 + Math.floorMod(i * 7_919 + c * 131, 89_999);
                cells[c][i] = "460-" + Parties.mnc(c) + "-" + lac + "-" + ci;
            }
        }
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    public int districts() {
        return DISTRICT_NAMES.length;
    }

    public String districtName(int d) {
        return DISTRICT_NAMES[d];
    }

    /** The district's administrative code, also the region code of local ID numbers. */
    public String districtCode(int d) {
        return DISTRICT_CODES[d];
    }

    public List<Community> communities() {
        return communities;
    }

    public Community community(int id) {
        return communities.get(id);
    }

    public int[] communitiesOf(int district) {
        return communitiesByDistrict[district];
    }

    /** A cell ordinal in a district. */
    public int cellIn(int district, Rand r) {
        return district * cellsPerDistrict + r.nextInt(cellsPerDistrict);
    }

    /** The cell id as the carrier reports it. */
    public String cellId(int carrier, int ordinal) {
        return cells[carrier][ordinal];
    }

    /** Branch code of a bank in a district: bank-specific shapes, as banks number branches their own way. */
    public String branch(int bank, int district, int k) {
        String region = DISTRICT_CODES[district];
        return switch (bank) {
            case 0 -> "44" + region.substring(2) + String.format("%03d", k);
            case 1 -> "B" + region + "-" + k;
            case 2 -> region + String.format("%02d", k);
            case 3 -> "CD" + String.format("%02d%02d", district, k);
            default -> String.format("%04d", 1000 + district * 50 + k);
        };
    }

    /** ATM terminal id of a bank in a district of this city. */
    public String atm(int bank, int district, int k) {
        return DISTRICT_CODES[district].substring(2) + String.format("%02d%03d", bank, k);
    }

    /** ATM terminal id in another city. */
    public static String atmElsewhere(String cityCode, int bank, int k) {
        return cityCode.substring(0, 4) + String.format("%02d%03d", bank, k);
    }

    /** A home broadband address. */
    public String broadbandIp(Rand r) {
        return r.pick(BROADBAND) + "." + r.nextInt(256) + "." + r.between(1, 254);
    }

    /** A carrier-grade NAT address: many phones share each one. */
    public String mobileIp(Rand r) {
        return r.pick(MOBILE_GATEWAYS) + "." + r.nextInt(32) + "." + r.between(1, 254);
    }

    /** An address outside the city (VPN exits, other provinces). */
    public static String remoteIp(Rand r) {
        return r.pick(new String[] {"43.129", "103.97", "45.136", "154.38", "36.110", "120.229"}) + "."
                + r.nextInt(256) + "." + r.between(1, 254);
    }
}
