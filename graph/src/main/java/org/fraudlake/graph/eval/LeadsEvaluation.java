package org.fraudlake.graph.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.core.spark.Sessions;
import org.fraudlake.graph.leads.LeadsJob;
import org.fraudlake.lake.Lake;
import org.fraudlake.pipelines.conform.Pseudonymizer;
import org.fraudlake.schemas.landing.CsvReader;
import org.fraudlake.schemas.landing.CsvRecord;
import org.fraudlake.schemas.tables.Published.IncidentSeries;
import org.fraudlake.schemas.tables.Published.Leads;
import org.fraudlake.schemas.tables.Published.Member;
import org.fraudlake.schemas.tables.Published.Typology;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.TokenKind;

/**
 * Scores the published leads and incident series of a date against a simulated city's ground truth
 * ({@code truth/schemes.csv}, {@code truth/entities.csv}, raw identifiers), tokenized with the lake's key
 * exactly as conform does. Per typology: the share of the schemes active in the window that some lead of the
 * typology names (at least {@link #MIN_SHARED} of the scheme's entities among its members), and the share of
 * lead members that appear in any scheme's truth. The only reader of the truth; the pipeline never is.
 *
 * <p>Usage: {@code LeadsEvaluation <lakeDir> <keyFile> <date>}. Cost: the truth files are read on the driver
 * (thousands of rows); the date's leads and series are collected (hundreds of rows).
 */
public final class LeadsEvaluation {
    public static final int MIN_SHARED = 2;

    /** Which simulated scheme type each lead typology should find. */
    static final Map<Typology, String> SCHEME_OF = Map.of(
            Typology.ROUND_TRIPPING, "ROUND_TRIPPING",
            Typology.SHELL_COMPANY, "ROUND_TRIPPING",
            Typology.UNDERGROUND_BANKING, "UNDERGROUND_BANKING",
            Typology.ILLEGAL_FUNDRAISING, "ILLEGAL_FUNDRAISING",
            Typology.BID_RIGGING, "BID_RIGGING",
            Typology.STRUCTURING_RING, "STRUCTURING");
    static final String SERIES_SCHEME = "THEFT_SERIES";

    private LeadsEvaluation() {
    }

    /** One scheme: type, active dates and the tokens (or raw ids, for incidents and tenders) of its entities. */
    record Scheme(String id, String type, LocalDate start, LocalDate end, Set<String> entities) {
    }

    /** Per typology: schemes active, schemes found, lead members, members in the truth. */
    public record Result(String typology, int schemes, int found, long members, long involved) {
        public String line() {
            return String.format("%-22s %3d/%-3d schemes found (%5.1f%%)   %5d/%-5d lead members involved (%5.1f%%)",
                    typology, found, schemes, schemes == 0 ? 0.0 : 100.0 * found / schemes, involved, members,
                    members == 0 ? 0.0 : 100.0 * involved / members);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: LeadsEvaluation <lakeDir> <keyFile> <date YYYY-MM-DD>");
        }
        Lake lake = new Lake(args[0]);
        Pseudonymizer key = Pseudonymizer.fromKeyFile(Path.of(args[1]));
        LocalDate date = LocalDate.parse(args[2]);
        SparkSession spark = Sessions.create("leads-evaluation", "local[2]", 2);
        try {
            evaluate(spark, lake, key, date).forEach(r -> System.out.println(r.line()));
        } finally {
            spark.stop();
        }
    }

    /** The per-typology results for a date, printed by {@link #main}. */
    public static List<Result> evaluate(SparkSession spark, Lake lake, Pseudonymizer key, LocalDate date)
            throws IOException {
        List<Scheme> schemes = schemes(Path.of(lake.truth()), key);
        Set<String> anyTruth = new HashSet<>();
        schemes.forEach(s -> anyTruth.addAll(s.entities()));
        LocalDate from = date.minusDays(LeadsJob.WINDOW_DAYS - 1L);
        List<Result> out = new ArrayList<>();
        Map<String, List<Set<String>>> leads = new HashMap<>();
        for (Row r : DeltaIO.read(spark, lake.published(Published.LEADS))
                .filter(col(Published.BUSINESS_DATE).equalTo(lit(Date.valueOf(date))))
                .select(Leads.TYPOLOGY, Leads.MEMBERS).collectAsList()) {
            Set<String> members = new HashSet<>();
            for (Row m : r.<Row>getList(1)) {
                members.add(m.getAs(Member.ID));
            }
            leads.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(members);
        }
        for (Typology t : Typology.values()) {
            out.add(result(t.code(), SCHEME_OF.get(t), schemes, leads.getOrDefault(t.code(), List.of()), anyTruth,
                    from, date));
        }
        List<Set<String>> series = new ArrayList<>();
        for (Row r : DeltaIO.read(spark, lake.published(Published.INCIDENT_SERIES))
                .filter(col(Published.BUSINESS_DATE).equalTo(lit(Date.valueOf(date))))
                .select(IncidentSeries.MEMBERS).collectAsList()) {
            series.add(new HashSet<>(r.getList(0)));
        }
        out.add(result("incident_series", SERIES_SCHEME, schemes, series, anyTruth, from, date));
        return out;
    }

    private static Result result(String name, String schemeType, List<Scheme> schemes, List<Set<String>> leads,
                                 Set<String> anyTruth, LocalDate from, LocalDate to) {
        int active = 0;
        int found = 0;
        for (Scheme s : schemes) {
            if (!s.type().equals(schemeType) || s.end().isBefore(from) || s.start().isAfter(to)) {
                continue;
            }
            active++;
            boolean hit = leads.stream().anyMatch(l -> l.stream().filter(s.entities()::contains).count() >= MIN_SHARED);
            found += hit ? 1 : 0;
        }
        long members = leads.stream().mapToLong(Set::size).sum();
        long involved = leads.stream().mapToLong(l -> l.stream().filter(anyTruth::contains).count()).sum();
        return new Result(name, active, found, members, involved);
    }

    /** The truth's schemes with their entities tokenized as conform tokenizes them. */
    static List<Scheme> schemes(Path truth, Pseudonymizer key) throws IOException {
        Map<String, Set<String>> entities = new HashMap<>();
        for (List<String> f : rows(truth.resolve("entities.csv"))) {
            String token = token(key, f.get(2), f.get(3));
            if (token != null) {
                entities.computeIfAbsent(f.get(0), k -> new HashSet<>()).add(token);
            }
        }
        Map<String, Scheme> out = new LinkedHashMap<>();
        for (List<String> f : rows(truth.resolve("schemes.csv"))) {
            out.put(f.get(0), new Scheme(f.get(0), f.get(1), LocalDate.parse(f.get(2)), LocalDate.parse(f.get(3)),
                    entities.getOrDefault(f.get(0), Set.of())));
        }
        return new ArrayList<>(out.values());
    }

    /** The token of a truth entity; incidents and tenders keep their raw ids, which silver keeps too. */
    static String token(Pseudonymizer key, String type, String id) {
        return switch (type) {
            case "ACCOUNT" -> key.token(TokenKind.ACCOUNT, id);
            case "PHONE" -> key.token(TokenKind.PHONE, id);
            case "PERSON", "COMPANY" -> key.token(TokenKind.ID, id);
            case "DEVICE" -> key.token(TokenKind.IMEI, id);
            case "INCIDENT", "TENDER" -> id;
            default -> throw new IllegalArgumentException("truth entity_type '" + type + "' unknown; expected ACCOUNT, "
                    + "PHONE, PERSON, COMPANY, DEVICE, INCIDENT or TENDER");
        };
    }

    private static List<List<String>> rows(Path file) throws IOException {
        List<List<String>> out = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8); CsvReader csv = new CsvReader(in)) {
            CsvRecord header = csv.next();
            if (header == null) {
                return out;
            }
            for (CsvRecord r = csv.next(); r != null; r = csv.next()) {
                if (r.malformed()) {
                    throw new IOException(file + " line " + r.line() + ": " + r.error());
                }
                out.add(r.fields());
            }
        }
        return out;
    }
}
