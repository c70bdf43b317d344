package com.merchantbilling;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Modulithic(systemName = "Merchant Billing")
public class MerchantBillingApplication {

    public static void main(String[] args) {
        SpringApplication.run(MerchantBillingApplication.class, args);
    }
}
