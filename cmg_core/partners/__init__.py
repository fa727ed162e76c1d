"""Partners under convention with the Caf: the register (add, change, deactivate), its CSV
import, and the one rule of when a month's file is due (`deadline`)."""
