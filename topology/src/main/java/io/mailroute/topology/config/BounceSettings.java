package io.mailroute.topology.config;

import java.time.Duration;

/**
 * Settings of the bounce stage.
 *
 * @param ticketQuietPeriod a bounce ticket with no further bounce for this long closes itself
 * @param checkInterval     how often (wall clock) tickets, soft-bounce counts and rates are checked for expiry
 * @param softToHard        soft bounces of one address within {@code softWindow} that suppress it
 * @param softWindow        window of arrival times in which soft bounces are counted
 * @param unverifiedWindow  window of arrival times in which unverified bounces of two reporting domains corroborate
 *                          each other
 * @param rateWindow        sliding window of the bounce rates
 * @param warningRate       bounce rate (bounces per mail sent) of a WARNING alert
 * @param criticalRate      bounce rate of a CRITICAL alert
 * @param minVolume         mails sent in the window before a rate can raise an alert
 * @param warningCount      bounces in the window of a WARNING alert for a scope without sent counts
 * @param criticalCount     bounces in the window of a CRITICAL alert for a scope without sent counts
 */
public record BounceSettings(
        Duration ticketQuietPeriod,
        Duration checkInterval,
        int softToHard,
        Duration softWindow,
        Duration unverifiedWindow,
        Duration rateWindow,
        double warningRate,
        double criticalRate,
        int minVolume,
        int warningCount,
        int criticalCount) {}
