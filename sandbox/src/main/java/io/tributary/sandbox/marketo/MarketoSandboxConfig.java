package io.tributary.sandbox.marketo;

import io.tributary.sandbox.JobSimulator;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * The {@code sandbox:} block of a Marketo job: start the Marketo simulator in-process and read from it.
 *
 * @param rows leads, default 5000
 * @param faults fault spec such as {@code 429:5%,500:5%} (429 answers Marketo's 606, 5xx its 604/608/611), default
 *     none
 * @param seed dataset seed, default 42
 * @param activities activities, default twice the leads
 * @param dailyQuotaMb the daily bulk export allowance in MB, default 500 (lower it to see the clean QUOTA stop)
 * @param dailyQuotaBytes the same in bytes, for small tests (wins over {@code daily_quota_mb})
 * @param interruptDownloadAfterBytes cut the first download of each export after this many bytes, default never
 * @param pollsToComplete status polls an export takes to complete, default 2
 */
public record MarketoSandboxConfig(@PositiveOrZero Long rows, String faults, Long seed,
    @PositiveOrZero Long activities, @PositiveOrZero Long dailyQuotaMb, @PositiveOrZero Long dailyQuotaBytes,
    @PositiveOrZero Long interruptDownloadAfterBytes, @PositiveOrZero Integer pollsToComplete)
    implements JobSimulator.Block {}
