package org.fraudlake.pipelines.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.fraudlake.schemas.tables.Silver.Vault;
import org.fraudlake.schemas.tables.TokenKind;

/**
 * Spark column functions over a {@link Pseudonymizer}: the token of a column, the token list of a
 * {@code ;}-separated column, and the vault rows (token, kind, normalized raw value, source) that a
 * frame's personal columns give.
 */
public final class Tokens {
    private final Pseudonymizer pseudonymizer;

    public Tokens(Pseudonymizer pseudonymizer) {
        this.pseudonymizer = pseudonymizer;
    }

    /** The token of a raw identifier column; null stays null. */
    public Column of(TokenKind kind, Column raw) {
        Pseudonymizer p = pseudonymizer;
        UserDefinedFunction f = functions.udf((UDF1<String, String>) v -> p.token(kind, v), DataTypes.StringType);
        return f.apply(raw);
    }

    /** The normalized raw value that is tokenized, for the vault. */
    public static Column normalized(TokenKind kind, Column raw) {
        UserDefinedFunction f = functions.udf((UDF1<String, String>) v -> Pseudonymizer.normalize(kind, v),
                DataTypes.StringType);
        return f.apply(raw);
    }

    /** A {@code ;}-separated list column as an array of its items, trimmed, empty items dropped. */
    public static Column items(Column list) {
        return functions.filter(functions.transform(functions.split(list, ";"), x -> functions.trim(x)),
                x -> functions.length(x).gt(0));
    }

    /** The tokens of a {@code ;}-separated list column. */
    public Column ofList(TokenKind kind, Column list) {
        return functions.transform(items(list), x -> of(kind, x));
    }

    /** A personal column to vault: the raw expression and its kind. */
    public record Pii(Column raw, TokenKind kind) {
    }

    /**
     * Vault rows for the given personal columns of a frame: one scan of the frame, each row exploded into
     * its (token, kind, value, source, first_seen) entries, empty values dropped.
     */
    public Dataset<Row> vaultRows(Dataset<Row> frame, Column source, Column firstSeen, List<Pii> pii) {
        List<Column> entries = new ArrayList<>();
        for (Pii p : pii) {
            entries.add(functions.struct(of(p.kind(), p.raw()).as(Vault.TOKEN), lit(p.kind().name()).as(Vault.KIND),
                    normalized(p.kind(), p.raw()).as(Vault.VALUE)));
        }
        return frame.select(functions.explode(functions.array(entries.toArray(Column[]::new))).as("_e"),
                        source.as(Vault.SOURCE), firstSeen.as(Vault.FIRST_SEEN))
                .filter(col("_e." + Vault.TOKEN).isNotNull())
                .select(col("_e." + Vault.TOKEN).as(Vault.TOKEN), col("_e." + Vault.KIND).as(Vault.KIND),
                        col("_e." + Vault.VALUE).as(Vault.VALUE), col(Vault.SOURCE), col(Vault.FIRST_SEEN));
    }

    /** Vault rows for a list column, exploded. */
    public Dataset<Row> vaultRowsOfList(Dataset<Row> frame, Column source, Column firstSeen, Column list,
                                        TokenKind kind) {
        Dataset<Row> exploded = frame.select(functions.explode(items(list)).as("item"), source.as("_src"),
                firstSeen.as("_seen"));
        return vaultRows(exploded, col("_src"), col("_seen"), List.of(new Pii(col("item"), kind)));
    }
}
