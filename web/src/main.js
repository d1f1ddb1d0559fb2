import "leaflet/dist/leaflet.css";
import "./style.css";
document.getElementById("app").textContent = "Lookout";
