package io.msmeatlas.listings;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ListingsApplication {

    public static void main(String[] args) {
        SpringApplication.run(ListingsApplication.class, args);
    }
}
