package com.merchantbilling;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;

/**
 * Every scheduled job runs on one node per period, whatever the number of nodes: ShedLock's row per job in
 * table {@code shedlock} (V17). Each {@code @Scheduled} method carries {@code @SchedulerLock} with its reasons.
 * <p>
 * The lock is taken around the annotated method (ShedLock's default PROXY_METHOD mode; PROXY_SCHEDULER is
 * deprecated), so the annotated methods are thin scheduled entry points and tests call the work methods beside
 * them without a lock. Lock times are the database's ({@code usingDbTime}): nodes' clocks do not matter.
 * <p>
 * The common choice, where a job gives no other reason: {@code lockAtLeastFor} = the job's interval, so that
 * once a node ran the job the others' schedules (each node counts its own fixed delay from its own start) find the
 * lock held until the period is over: one run per period for the cluster. {@code lockAtMostFor} is the same or
 * longer (ShedLock requires at least lockAtLeastFor): a node that dies holding the lock delays the job by at most
 * that, and a run finishing before it never overlaps the next.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
class SchedulerLocks {

    @Bean
    LockProvider lockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName("shedlock")
                .usingDbTime()
                .build());
    }
}
