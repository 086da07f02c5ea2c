package org.fraudlake.models;

/** What a model's alert can lead to once published. */
public enum Action {
    /** Ask the holding bank to freeze the account. */
    FREEZE,
    /** Ask the carrier to suspend the number. */
    BLOCK,
    /** Reach the likely victim (through the bank and the police) before the money leaves. */
    CONTACT_VICTIM,
    /** Put the entity under watch; no intervention yet. */
    MONITOR,
    /** Open an investigation lead. */
    INVESTIGATE
}
