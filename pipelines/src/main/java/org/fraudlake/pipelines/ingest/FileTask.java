package org.fraudlake.pipelines.ingest;

import java.io.Serializable;

/**
 * One data file of a delivery to parse on an executor.
 *
 * @param feed        feed name
 * @param source      sender code
 * @param date        business date, YYYY-MM-DD
 * @param deliveryId  {@link Delivery#id()}
 * @param path        the file
 * @param name        the file's name as the manifest gives it
 * @param ingestedAt  the run's ingest time, epoch microseconds
 */
public record FileTask(String feed, String source, String date, String deliveryId, String path, String name,
                       long ingestedAt) implements Serializable {
}
