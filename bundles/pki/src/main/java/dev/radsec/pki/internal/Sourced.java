package dev.radsec.pki.internal;

import java.nio.file.Path;

/** Something read from a file (an anchor, a CRL), with that file: what lets an operator find where it comes from. */
record Sourced<T>(Path file, T item) {
}
