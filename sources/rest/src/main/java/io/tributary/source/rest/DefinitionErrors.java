package io.tributary.source.rest;

import io.tributary.core.TributaryException;

/** Builds the CONFIG errors of one definition file: {@code file: field: what} plus the fix. */
record DefinitionErrors(String file) {

  TributaryException at(String field, String what, String fix) {
    return TributaryException.config(file + ": " + field + ": " + what, fix);
  }
}
