package io.tributary;

public class TributaryApplication {
  public static void main(String[] args) {}
}
