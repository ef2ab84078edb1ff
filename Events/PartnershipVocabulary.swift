public enum PartnershipVocabulary {}
