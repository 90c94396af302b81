"""tempest_orm: an active-record ORM in the spirit of Tempest and Eloquent."""
